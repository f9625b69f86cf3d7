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
                .orElseThrow(() -> new CheckException("the lesson names an unknown namespace type '" + spec.namespace()
                        + "' (one of uts, pid, mnt, net, ipc, user, cgroup, time)"));
        boolean wantSame = "same".equals(spec.expect());
        NamespaceId target = context.namespace(context.targetPid(), type);
        NamespaceId lab = context.namespace(context.lab().initPid(), type);
        boolean same = target.equals(lab);
        String who = context.targetName();
        String kind = type.displayName();
        if (wantSame) {
            String expected = "the lab host's " + kind + " namespace";
            return same ? CheckResult.pass(id(spec), expected, who + " is in the lab host's (" + lab + ")")
                    : CheckResult.fail(id(spec), expected, who + " is in " + target + ", not the lab host's (" + lab
                            + "): it is still inside a namespace of its own");
        }
        String expected = Texts.article(kind) + " " + kind + " namespace different from the lab host's";
        return same ? CheckResult.fail(id(spec), expected, who + " is still in the lab host's (" + lab + ")")
                : CheckResult.pass(id(spec), expected, who + " is in " + target + ", the lab host in " + lab);
    }

    private static String id(NamespaceCheck spec) {
        return Checks.idOf(spec);
    }
}
