package io.glassbox.lesson.check;

import io.glassbox.kernel.mount.MountEntry;
import io.glassbox.kernel.mount.Propagation;
import io.glassbox.lesson.model.CheckSpec.MountCheck;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A mount in the target's mount namespace, from /proc/pid/mountinfo (man 5 proc): paths there are relative to
 * the target's root, as the learner types them inside the container. When mounts stack on one path, the last
 * one listed is the one in use, and that one is checked.
 */
final class MountChecker implements Checker<MountCheck> {

    @Override
    public CheckResult check(MountCheck spec, CheckContext context) {
        String path = spec.path();
        Optional<MountEntry> found = context.mountTable(context.targetPid()).at(path);
        String where = " in " + Texts.possessive(context.targetName()) + " mount namespace";
        if (Boolean.FALSE.equals(spec.present())) {
            String expected = "nothing mounted at " + path + where;
            return found.isEmpty() ? CheckResult.pass(Checks.idOf(spec), expected, "nothing is mounted at " + path)
                    : CheckResult.fail(Checks.idOf(spec), expected, path + " is still " + describe(found.get())
                            + " (umount " + path + ")");
        }
        Verdict verdict = new Verdict("a mount at " + path + where);
        if (found.isEmpty()) {
            verdict.precondition(false, "nothing is mounted at " + path);
            wanted(spec).forEach(verdict::want);
            return verdict.result(Checks.idOf(spec));
        }
        verdict.precondition(true, path + " is " + describe(found.get()));
        compare(verdict, spec, found.get());
        return verdict.result(Checks.idOf(spec));
    }

    private static void compare(Verdict verdict, MountCheck spec, MountEntry mount) {
        String path = spec.path();
        if (spec.fstype() != null) {
            boolean ok = mount.fsType().equals(spec.fstype());
            verdict.require(typePhrase(spec), ok, ok ? null : path + " is " + mount.fsType() + ", not "
                    + spec.fstype());
        }
        if (spec.options() != null && !spec.options().isEmpty()) {
            List<String> missing = spec.options().stream().filter(o -> !mount.hasOption(o)).toList();
            verdict.require(optionsPhrase(spec), missing.isEmpty(), missing.isEmpty()
                    ? path + " has " + String.join(",", spec.options())
                    : path + " lacks " + String.join(",", missing) + " (its options: "
                            + String.join(",", mount.options()) + ")");
        }
        if (spec.propagation() != null) {
            String actual = mount.propagation().name().toLowerCase(Locale.ROOT);
            verdict.require(spec.propagation(), actual.equals(spec.propagation()), path + " is " + actual
                    + peerGroups(mount));
        }
        if (spec.lowerLayers() != null) {
            int layers = mount.overlay().map(o -> o.lowerDirs().size()).orElse(-1);
            verdict.require(layersPhrase(spec), layers == spec.lowerLayers(), layers < 0 ? path + " is not an overlay"
                    : path + " is an overlay of " + Texts.count(layers, "lower layer", "lower layers"));
        }
    }

    /** "a tmpfs mount", "an overlay mount". */
    private static String describe(MountEntry mount) {
        return Texts.article(mount.fsType()) + " " + mount.fsType() + " mount";
    }

    private static List<String> wanted(MountCheck spec) {
        List<String> phrases = new java.util.ArrayList<>();
        if (spec.fstype() != null) {
            phrases.add(typePhrase(spec));
        }
        if (spec.options() != null && !spec.options().isEmpty()) {
            phrases.add(optionsPhrase(spec));
        }
        if (spec.propagation() != null) {
            phrases.add(spec.propagation());
        }
        if (spec.lowerLayers() != null) {
            phrases.add(layersPhrase(spec));
        }
        return phrases;
    }

    private static String typePhrase(MountCheck spec) {
        return "of type " + spec.fstype();
    }

    private static String optionsPhrase(MountCheck spec) {
        return "with " + String.join(",", spec.options());
    }

    private static String layersPhrase(MountCheck spec) {
        return "an overlay of " + Texts.count(spec.lowerLayers(), "lower layer", "lower layers");
    }

    /** The peer group a shared or slave mount belongs to: what makes its events travel (man 7 mount_namespaces). */
    private static String peerGroups(MountEntry mount) {
        return mount.propagation() == Propagation.PRIVATE ? "" : " (" + String.join(" ", mount.optionalFields()) + ")";
    }
}
