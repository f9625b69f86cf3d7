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
        Phrase where = Phrase.of(" in " + Texts.possessive(context.targetName()) + " mount namespace",
                "（在" + context.target().zh() + "的挂载命名空间里）");
        Phrase nothing = Phrase.of("nothing is mounted at " + path, path + " 上什么也没挂载");
        if (Boolean.FALSE.equals(spec.present())) {
            Phrase expected = Phrase.of("nothing mounted at " + path, path + " 上没有挂载").plus(where);
            return found.isEmpty() ? CheckResult.pass(Checks.idOf(spec), expected, nothing)
                    : CheckResult.fail(Checks.idOf(spec), expected, Phrase.of(path + " is still ", path + " 仍是")
                            .plus(describe(found.get())).plus(" (umount " + path + ")", "（umount " + path + "）"));
        }
        Verdict verdict = new Verdict(Phrase.of("a mount at " + path, path + " 上的一个挂载").plus(where));
        if (found.isEmpty()) {
            verdict.precondition(false, nothing);
            wanted(spec).forEach(verdict::want);
            return verdict.result(Checks.idOf(spec));
        }
        verdict.precondition(true, Phrase.of(path + " is ", path + " 是").plus(describe(found.get())));
        compare(verdict, spec, found.get());
        return verdict.result(Checks.idOf(spec));
    }

    private static void compare(Verdict verdict, MountCheck spec, MountEntry mount) {
        String path = spec.path();
        if (spec.fstype() != null) {
            boolean ok = mount.fsType().equals(spec.fstype());
            verdict.require(typePhrase(spec), ok, ok ? null : Phrase.of(path + " is " + mount.fsType() + ", not "
                    + spec.fstype(), path + " 是 " + mount.fsType() + "，不是 " + spec.fstype()));
        }
        if (spec.options() != null && !spec.options().isEmpty()) {
            List<String> missing = spec.options().stream().filter(o -> !mount.hasOption(o)).toList();
            String all = String.join(",", mount.options());
            verdict.require(optionsPhrase(spec), missing.isEmpty(), missing.isEmpty()
                    ? Phrase.of(path + " has ", path + " 有 ").plus(String.join(",", spec.options()))
                    : Phrase.of(path + " lacks " + String.join(",", missing) + " (its options: " + all + ")",
                            path + " 缺少 " + String.join(",", missing) + "（它的选项：" + all + "）"));
        }
        if (spec.propagation() != null) {
            String actual = mount.propagation().name().toLowerCase(Locale.ROOT);
            verdict.require(Phrase.literal(spec.propagation()), actual.equals(spec.propagation()),
                    Phrase.of(path + " is ", path + " 是 ").plus(actual + peerGroups(mount)));
        }
        if (spec.lowerLayers() != null) {
            int layers = mount.overlay().map(o -> o.lowerDirs().size()).orElse(-1);
            verdict.require(layersPhrase(spec), layers == spec.lowerLayers(), layers < 0
                    ? Phrase.of(path + " is not an overlay", path + " 不是 overlay")
                    : Phrase.of(path + " is an overlay of " + Texts.count(layers, "lower layer", "lower layers"),
                            path + " 是有 " + layers + " 个下层的 overlay"));
        }
    }

    /** "a tmpfs mount", "an overlay mount". */
    private static Phrase describe(MountEntry mount) {
        return Phrase.of(Texts.article(mount.fsType()) + " " + mount.fsType() + " mount", " " + mount.fsType() + " 挂载");
    }

    private static List<Phrase> wanted(MountCheck spec) {
        List<Phrase> phrases = new java.util.ArrayList<>();
        if (spec.fstype() != null) {
            phrases.add(typePhrase(spec));
        }
        if (spec.options() != null && !spec.options().isEmpty()) {
            phrases.add(optionsPhrase(spec));
        }
        if (spec.propagation() != null) {
            phrases.add(Phrase.literal(spec.propagation()));
        }
        if (spec.lowerLayers() != null) {
            phrases.add(layersPhrase(spec));
        }
        return phrases;
    }

    private static Phrase typePhrase(MountCheck spec) {
        return Phrase.of("of type " + spec.fstype(), "类型为 " + spec.fstype());
    }

    private static Phrase optionsPhrase(MountCheck spec) {
        String options = String.join(",", spec.options());
        return Phrase.of("with " + options, "带有 " + options);
    }

    private static Phrase layersPhrase(MountCheck spec) {
        return Phrase.of("an overlay of " + Texts.count(spec.lowerLayers(), "lower layer", "lower layers"),
                "有 " + spec.lowerLayers() + " 个下层的 overlay");
    }

    /** The peer group a shared or slave mount belongs to: what makes its events travel (man 7 mount_namespaces). */
    private static String peerGroups(MountEntry mount) {
        return mount.propagation() == Propagation.PRIVATE ? "" : " (" + String.join(" ", mount.optionalFields()) + ")";
    }
}
