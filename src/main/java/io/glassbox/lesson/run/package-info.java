/**
 * The lesson test runner: proves a lesson works on the real kernel. For every stage it asserts that each
 * check fails before the stage's solve script runs (a check that already passes would tell a learner they
 * are done before they began), types the solve script into a real terminal of a real lab host, and asserts
 * that every check then passes. The report is a table of lessons and stages with timings.
 */
package io.glassbox.lesson.run;
