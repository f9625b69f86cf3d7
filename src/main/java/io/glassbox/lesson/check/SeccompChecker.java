package io.glassbox.lesson.check;

import io.glassbox.lesson.model.CheckSpec.SeccompCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The target's seccomp state, from its /proc/pid/status (man 5 proc): {@code Seccomp:} is the mode (0 disabled,
 * 1 strict, 2 filter), {@code Seccomp_filters:} (Linux 5.9) how many filters are stacked on the process (a
 * filter is inherited across fork and execve and can never be removed, only added to), and
 * {@code NoNewPrivs:} the flag a filter needs unless the caller holds CAP_SYS_ADMIN (man 2 seccomp).
 */
final class SeccompChecker implements Checker<SeccompCheck> {

    /** Index = the number /proc prints in {@code Seccomp:}. */
    static final List<String> MODES = List.of("disabled", "strict", "filter");

    @Override
    public CheckResult check(SeccompCheck spec, CheckContext context) {
        if (spec.mode() != null && !MODES.contains(spec.mode())) {
            throw new CheckException("the lesson names an unknown seccomp mode '" + spec.mode()
                    + "' (one of disabled, strict, filter)");
        }
        if (spec.mode() == null && spec.filters() == null && spec.noNewPrivs() == null) {
            throw new CheckException("the lesson's seccomp check asks for nothing (mode, filters or no-new-privs)");
        }
        int mode = Integer.parseInt(field(context, "Seccomp"));
        String modeName = mode < MODES.size() ? MODES.get(mode) : "mode " + mode;
        Verdict verdict = new Verdict("the seccomp state of " + context.targetName());
        if (spec.mode() != null) {
            verdict.require("seccomp mode " + spec.mode(), spec.mode().equals(modeName),
                    "Seccomp: " + mode + " (" + modeName + ")");
        }
        if (spec.filters() != null) {
            int filters = Integer.parseInt(field(context, "Seccomp_filters"));
            verdict.require("at least " + spec.filters() + (spec.filters() == 1 ? " filter" : " filters"),
                    filters >= spec.filters(), "Seccomp_filters: " + filters);
        }
        if (spec.noNewPrivs() != null) {
            boolean set = field(context, "NoNewPrivs").equals("1");
            verdict.require(spec.noNewPrivs() ? "no_new_privs set" : "no_new_privs not set",
                    set == spec.noNewPrivs(), "NoNewPrivs: " + (set ? 1 : 0));
        }
        return verdict.result(Checks.idOf(spec));
    }

    private static String field(CheckContext context, String name) {
        try {
            return context.proc().statusField(context.targetPid(), name).orElseThrow(() -> new CheckException(
                    "/proc/" + context.targetPid() + "/status has no " + name + " line"
                            + (name.equals("Seccomp_filters") ? " (it needs Linux 5.9 or later)" : "")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
