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

    @Override
    public CheckResult check(CapabilitiesCheck spec, CheckContext context) {
        String set = spec.set() == null ? "effective" : spec.set();
        String field = FIELDS.get(set);
        if (field == null) {
            throw new CheckException("the lesson names an unknown capability set '" + set
                    + "' (one of effective, permitted, bounding, inheritable, ambient)");
        }
        Set<String> has = canonical(spec.has());
        Set<String> lacks = canonical(spec.lacks());
        Set<String> equals = spec.equals() == null ? null : canonical(spec.equals());
        if (has.isEmpty() && lacks.isEmpty() && equals == null) {
            throw new CheckException("the lesson's capabilities check names no capability (has, lacks or equals)");
        }
        String mask;
        try {
            mask = context.proc().statusField(context.targetPid(), field).orElseThrow(() -> new CheckException(
                    "/proc/" + context.targetPid() + "/status has no " + field + " line"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> held = CapabilityNames.decode(mask);
        String holds = "it holds " + CapabilityNames.describe(held) + " (" + field + " " + mask + ")";
        Verdict verdict = new Verdict("the " + set + " capabilities of " + context.targetName());
        if (!has.isEmpty()) {
            Set<String> missing = new TreeSet<>(has);
            missing.removeAll(held);
            verdict.require("holding " + String.join(", ", has), missing.isEmpty(),
                    missing.isEmpty() ? holds : "it lacks " + String.join(", ", missing));
        }
        if (!lacks.isEmpty()) {
            Set<String> kept = new TreeSet<>(lacks);
            kept.retainAll(held);
            verdict.require("without " + String.join(", ", lacks), kept.isEmpty(),
                    kept.isEmpty() ? holds : "it still holds " + String.join(", ", kept));
        }
        if (equals != null) {
            Set<String> extra = new TreeSet<>(held);
            extra.removeAll(equals);
            Set<String> missing = new TreeSet<>(equals);
            missing.removeAll(held);
            String difference = (extra.isEmpty() ? "" : "; beyond those it holds " + String.join(", ", extra))
                    + (missing.isEmpty() ? "" : "; it lacks " + String.join(", ", missing));
            verdict.require("exactly " + CapabilityNames.describe(equals), extra.isEmpty() && missing.isEmpty(),
                    holds + difference);
        }
        return verdict.result(Checks.idOf(spec));
    }

    private static Set<String> canonical(List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        if (names != null) {
            names.forEach(name -> out.add(CapabilityNames.canonical(name)));
        }
        return out;
    }
}
