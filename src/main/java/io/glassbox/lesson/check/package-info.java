/**
 * Checks: each kind of {@link io.glassbox.lesson.model.CheckSpec} has a {@link io.glassbox.lesson.check.Checker}
 * that looks at the kernel state of the target process from the machine's side (its /proc entries, its
 * cgroup files) or, where only the target's own view will do (a hostname, a file behind the target's root,
 * an interface in its network namespace), in a short-lived child process that enters the target's
 * namespaces. Every result says what was expected and what was observed, in words a learner can act on:
 * "expected a UTS namespace different from the lab host's; the shell is still in the lab host's
 * (uts:[4026531838])".
 *
 * <p>The server runs as the machine's root, so it reads only what the kernel writes: /proc/pid/ns, status,
 * mountinfo and cgroup, the cgroup files, and the text of the /proc/pid/root link (never the link followed).
 * Anything inside a learner's filesystem (a file, the processes a container's /proc shows, whether its root
 * holds /bin/busybox) is read by a child that joins the target's user and mount namespaces, so it is the
 * lab's own unprivileged root that follows whatever links a learner planted. {@link
 * io.glassbox.lesson.check.TargetResolver} finds the process to look at (the learner's foreground process,
 * found through the terminal) and refuses any process outside the lab host's cgroup; {@link
 * io.glassbox.lesson.check.Checks} dispatches by the kind of check and turns every failure into a result;
 * {@link io.glassbox.lesson.check.KernelStateReader} gathers the lesson page's live panel.
 */
package io.glassbox.lesson.check;
