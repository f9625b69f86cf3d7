/**
 * Checks: each kind of {@link io.glassbox.lesson.model.CheckSpec} has a {@link io.glassbox.lesson.check.Checker}
 * that looks at the kernel state of the target process from the machine's side (its /proc entries, its
 * cgroup files) or, where only the target's own view will do (a hostname, a file behind the target's root,
 * an interface in its network namespace), in a short-lived child process that enters the target's
 * namespaces. Every result says what was expected and what was observed, in words a learner can act on:
 * "expected a UTS namespace different from the lab host's; the shell is still in the lab host's
 * (uts:[4026531838])".
 */
package io.glassbox.lesson.check;
