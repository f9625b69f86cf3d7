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

    /** The modes in Chinese, after the names /proc and man 2 seccomp use. */
    static final List<String> MODES_ZH = List.of("未启用", "严格模式", "过滤器模式");

    @Override
    public CheckResult check(SeccompCheck spec, CheckContext context) {
        if (spec.mode() != null && !MODES.contains(spec.mode())) {
            throw new CheckException(Texts.lessonMistake("the lesson names an unknown seccomp mode '" + spec.mode()
                    + "' (one of disabled, strict, filter)"));
        }
        if (spec.mode() == null && spec.filters() == null && spec.noNewPrivs() == null) {
            throw new CheckException(Texts.lessonMistake(
                    "the lesson's seccomp check asks for nothing (mode, filters or no-new-privs)"));
        }
        int mode = Integer.parseInt(field(context, "Seccomp"));
        String modeName = mode < MODES.size() ? MODES.get(mode) : "mode " + mode;
        Verdict verdict = new Verdict(new Phrase("the seccomp state of " + context.targetName(),
                Phrase.joinChinese(context.targets().zh(), "seccomp 状态")));
        if (spec.mode() != null) {
            String modeZh = mode < MODES_ZH.size() ? modeName + "，" + MODES_ZH.get(mode) : modeName;
            verdict.require(Phrase.of("seccomp mode ", "seccomp 模式为 ").plus(spec.mode()),
                    spec.mode().equals(modeName),
                    Phrase.of("Seccomp: " + mode + " (" + modeName + ")", "Seccomp: " + mode + "（" + modeZh + "）"));
        }
        if (spec.filters() != null) {
            int filters = Integer.parseInt(field(context, "Seccomp_filters"));
            verdict.require(Phrase.of("at least " + spec.filters() + (spec.filters() == 1 ? " filter" : " filters"),
                    "至少 " + spec.filters() + " 个过滤器"), filters >= spec.filters(),
                    Phrase.literal("Seccomp_filters: " + filters));
        }
        if (spec.noNewPrivs() != null) {
            boolean set = field(context, "NoNewPrivs").equals("1");
            verdict.require(spec.noNewPrivs() ? Phrase.of("no_new_privs set", "已设置 no_new_privs")
                    : Phrase.of("no_new_privs not set", "未设置 no_new_privs"),
                    set == spec.noNewPrivs(), Phrase.literal("NoNewPrivs: " + (set ? 1 : 0)));
        }
        return verdict.result(Checks.idOf(spec));
    }

    private static String field(CheckContext context, String name) {
        try {
            return context.proc().statusField(context.targetPid(), name).orElseThrow(() -> new CheckException(
                    Phrase.of("/proc/" + context.targetPid() + "/status has no " + name + " line",
                            "/proc/" + context.targetPid() + "/status 里没有 " + name + " 这一行")
                            .plus(name.equals("Seccomp_filters") ? Phrase.of(" (it needs Linux 5.9 or later)",
                                    "（需要 Linux 5.9 或更新的内核）") : Phrase.EMPTY)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
