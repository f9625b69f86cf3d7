package io.glassbox.lesson.check;

import io.glassbox.lesson.model.CheckSpec.CapabilitiesCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One capability set of the target, read from its /proc/pid/status (man 7 capabilities; man 5 proc: CapEff,
 * CapPrm, CapBnd, CapInh, CapAmb), never from what the learner typed. The masks are relative to the target's
 * user namespace: the lab's root holds every capability there, and setpriv, capsh or Docker take them away.
 */
final class CapabilitiesChecker implements Checker<CapabilitiesCheck> {

    /** The set's name in a lesson, and its field in /proc/pid/status. */
    static final Map<String, String> FIELDS = Map.of("effective", "CapEff", "permitted", "CapPrm",
            "bounding", "CapBnd", "inheritable", "CapInh", "ambient", "CapAmb");

    /** The set's name in Chinese, as lesson 16 calls them ("有效（effective）集合"), to stand before "集合". */
    static final Map<String, String> SETS_ZH = Map.of("effective", "有效", "permitted", "许可", "bounding", "边界",
            "inheritable", "可继承", "ambient", "环境（ambient）");

    @Override
    public CheckResult check(CapabilitiesCheck spec, CheckContext context) {
        String set = spec.set() == null ? "effective" : spec.set();
        String field = FIELDS.get(set);
        if (field == null) {
            throw new CheckException(Texts.lessonMistake("the lesson names an unknown capability set '" + set
                    + "' (one of effective, permitted, bounding, inheritable, ambient)"));
        }
        Set<String> has = canonical(spec.has());
        Set<String> lacks = canonical(spec.lacks());
        Set<String> equals = spec.equals() == null ? null : canonical(spec.equals());
        if (has.isEmpty() && lacks.isEmpty() && equals == null) {
            throw new CheckException(Texts.lessonMistake(
                    "the lesson's capabilities check names no capability (has, lacks or equals)"));
        }
        String mask;
        try {
            mask = context.proc().statusField(context.targetPid(), field).orElseThrow(() -> new CheckException(
                    Phrase.of("/proc/" + context.targetPid() + "/status has no " + field + " line",
                            "/proc/" + context.targetPid() + "/status 里没有 " + field + " 这一行")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> held = CapabilityNames.decode(mask);
        Phrase holds = (held.isEmpty() ? Phrase.of("it holds none", "它一项能力也没有")
                : Phrase.of("it holds ", "它持有").plus(CapabilityNames.describe(held)))
                .plus(" (" + field + " " + mask + ")", "（" + field + " " + mask + "）");
        Verdict verdict = new Verdict(new Phrase("the " + set + " capabilities of " + context.targetName(),
                context.targets().zh() + SETS_ZH.get(set) + "集合"));
        if (!has.isEmpty()) {
            Set<String> missing = new TreeSet<>(has);
            missing.removeAll(held);
            verdict.require(Phrase.of("holding ", "持有").plus(names(has)), missing.isEmpty(),
                    missing.isEmpty() ? holds : Phrase.of("it lacks ", "它缺少").plus(names(missing)));
        }
        if (!lacks.isEmpty()) {
            Set<String> kept = new TreeSet<>(lacks);
            kept.retainAll(held);
            verdict.require(Phrase.of("without ", "没有").plus(names(lacks)), kept.isEmpty(),
                    kept.isEmpty() ? holds : Phrase.of("it still holds ", "它仍持有").plus(names(kept)));
        }
        if (equals != null) {
            Set<String> extra = new TreeSet<>(held);
            extra.removeAll(equals);
            Set<String> missing = new TreeSet<>(equals);
            missing.removeAll(held);
            Phrase difference = (extra.isEmpty() ? Phrase.EMPTY
                    : Phrase.of("; beyond those it holds ", "；除此之外它还持有").plus(names(extra)))
                    .plus(missing.isEmpty() ? Phrase.EMPTY : Phrase.of("; it lacks ", "；它缺少").plus(names(missing)));
            Phrase exactly = equals.isEmpty() ? Phrase.of("exactly none", "一项能力也没有")
                    : Phrase.of("exactly ", "恰好是").plus(CapabilityNames.describe(equals));
            verdict.require(exactly, extra.isEmpty() && missing.isEmpty(), holds.plus(difference));
        }
        return verdict.result(Checks.idOf(spec));
    }

    /** "chown, sys_admin" / "chown、sys_admin": Chinese lists its items with the enumeration comma. */
    private static Phrase names(Set<String> names) {
        return Phrase.of(String.join(", ", names), String.join("、", names));
    }

    private static Set<String> canonical(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        if (names != null) {
            names.forEach(name -> out.add(CapabilityNames.canonical(name)));
        }
        return out;
    }
}
