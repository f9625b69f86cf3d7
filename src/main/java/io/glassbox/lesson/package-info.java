/**
 * Lessons: YAML files written by instructors, the checks that verify each stage from the kernel's point of
 * view, and the runner that proves every lesson works.
 *
 * <p>A lesson is a sequence of stages. At each stage the learner does something in the terminal, and the
 * stage's checks look at what the kernel says about the learner's processes (their namespaces, mounts,
 * cgroups, interfaces), not at what was typed: there are many ways to make a UTS namespace, and all of them
 * count.
 */
package io.glassbox.lesson;
