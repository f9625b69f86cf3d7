package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceId;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.NamespaceCheck;

/**
 * Compares one namespace of the target with the lab host's. Two processes share a namespace exactly when
 * their {@code /proc/<pid>/ns/<type>} links name the same inode (man 7 namespaces), so this reads two links
 * from the machine's side and starts no process.
 */
final class NamespaceChecker implements Checker<NamespaceCheck> {

    @Override
    public CheckResult check(NamespaceCheck spec, CheckContext context) {
        NamespaceType type = NamespaceType.parse(spec.namespace())
                .orElseThrow(() -> new CheckException(Phrase.literal("the lesson names an unknown namespace type '")
                        .plus(spec.namespace() + "' (one of uts, pid, mnt, net, ipc, user, cgroup, time)")));
        boolean wantSame = "same".equals(spec.expect());
        NamespaceId target = context.namespace(context.targetPid(), type);
        NamespaceId lab = context.namespace(context.lab().initPid(), type);
        boolean same = target.equals(lab);
        Phrase who = context.target();
        Phrase kind = Texts.namespaceKind(type);
        if (wantSame) {
            Phrase expected = Phrase.of("the lab host's " + kind.en() + " namespace", "实验主机的" + kind.zh() + "命名空间");
            return same ? CheckResult.pass(id(spec), expected, who.plus(" is in the lab host's (" + lab + ")",
                    "在实验主机的命名空间里（" + lab + "）"))
                    : CheckResult.fail(id(spec), expected, who.plus(" is in " + target + ", not the lab host's (" + lab
                            + "): it is still inside a namespace of its own", "在 " + target + " 里，不是实验主机的（"
                            + lab + "）：它仍在自己的命名空间里"));
        }
        Phrase expected = Phrase.of(Texts.article(kind.en()) + " " + kind.en() + " namespace different from the lab host's",
                "一个不同于实验主机的" + kind.zh() + "命名空间");
        return same ? CheckResult.fail(id(spec), expected, who.plus(" is still in the lab host's (" + lab + ")",
                "仍在实验主机的命名空间里（" + lab + "）"))
                : CheckResult.pass(id(spec), expected, who.plus(" is in " + target + ", the lab host in " + lab,
                        "在 " + target + " 里，实验主机在 " + lab + " 里"));
    }

    private static String id(NamespaceCheck spec) {
        return Checks.idOf(spec);
    }
}
