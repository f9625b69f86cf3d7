/**
 * The benchmarks run by {@code ./glassbox bench} (docs/benchmarks.md): plain JDK programs that drive a running
 * server through the same protocol a browser uses, and print Markdown tables. They are test sources so the
 * build keeps them compiling, but no test runs them; the script compiles this package and
 * {@link io.glassbox.client} with {@code javac} alone. Nothing here asserts a time: a missed goal is a cell
 * in a table.
 */
package io.glassbox.bench;
