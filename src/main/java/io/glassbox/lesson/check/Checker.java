package io.glassbox.lesson.check;

import io.glassbox.lesson.model.CheckSpec;

/** Evaluates one kind of check against the kernel state of its target. */
@FunctionalInterface
public interface Checker<S extends CheckSpec> {

    CheckResult check(S spec, CheckContext context);
}
