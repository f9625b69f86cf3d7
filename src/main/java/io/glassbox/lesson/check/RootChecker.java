package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.mount.MountEntry;
import io.glassbox.kernel.mount.MountTable;
import io.glassbox.lesson.model.CheckSpec.RootCheck;
import java.util.EnumSet;
import java.util.Optional;

/**
 * The target's root filesystem, read from its mount table and its {@code /proc/<pid>/root} link.
 *
 * <p>Two kernel facts shape the rules. /proc/pid/mountinfo lists only the mounts reachable from the process's
 * root (man 5 proc: "mount point relative to the process's root directory"), so after chroot(2) the mounts
 * outside the jail vanish from it although they are still there; and readlink(2) of /proc/pid/root gives the
 * root's path within its mount namespace: "/" after pivot_root(2), the jail's directory after chroot. A root
 * is "the lab host's" when its "/" mount shows the same filesystem (device) and directory (root field) as the
 * lab host init's; a copy made by unshare --mount counts as the same. The old root is gone when no mount of
 * the lab host's root filesystem with root field "/" remains and the root is not a chroot jail: a container
 * whose new root is a bind of a directory inside that filesystem shows the same device, but its root field
 * is that directory (e.g. /tmp/rootfs), which is fine.
 */
final class RootChecker implements Checker<RootCheck> {

    @Override
    public CheckResult check(RootCheck spec, CheckContext context) {
        MountTable mounts = context.mountTable(context.targetPid());
        Optional<MountEntry> root = mounts.root();
        String jail = context.targetRootLink();
        MountEntry labRoot = context.mountTable(context.lab().initPid()).root()
                .orElseThrow(() -> new CheckException(Phrase.of("the lab host's init has no root mount",
                        "实验主机的 init 没有根挂载")));
        Phrase who = context.targets().plus(" root", "根目录");
        Phrase described = describe(who, root, jail, labRoot);
        Verdict verdict = new Verdict(who);
        if (spec.changed() != null) {
            boolean changed = !jail.equals("/") || root.isEmpty() || !sameTree(root.get(), labRoot);
            verdict.require(spec.changed() ? Phrase.of("not the lab host's", "不是实验主机的")
                    : Phrase.of("the lab host's", "是实验主机的"), changed == spec.changed(), described);
        }
        if (spec.contains() != null) {
            boolean has = contains(context, spec.contains());
            verdict.require(Phrase.of("holding " + spec.contains(), "包含 " + spec.contains()), has,
                    has ? who.plus(" has " + spec.contains(), "里有 " + spec.contains())
                            : who.plus(" has no " + spec.contains(), "里没有 " + spec.contains()));
        }
        if (spec.overlay() != null) {
            boolean overlay = root.map(m -> m.fsType().equals("overlay")).orElse(false);
            verdict.require(spec.overlay() ? Phrase.of("an overlay", "是 overlay")
                    : Phrase.of("not an overlay", "不是 overlay"), overlay == spec.overlay(), described);
        }
        if (spec.oldRootGone() != null) {
            Phrase left = oldRootLeft(mounts, jail, labRoot);
            Phrase seen = left != null ? left
                    : Phrase.of("nothing of the lab host's root filesystem is mounted in its mount namespace any more",
                            "它的挂载命名空间里已经没有挂着实验主机根文件系统的任何部分");
            verdict.require(spec.oldRootGone() ? Phrase.of("with the lab host's root unmounted", "实验主机的根已卸载")
                    : Phrase.of("with the lab host's root still mounted", "实验主机的根仍然挂载着"),
                    (left == null) == spec.oldRootGone(), seen);
        }
        return verdict.result(Checks.idOf(spec));
    }

    /** Same filesystem and same directory of it: the root of a mount namespace copied from the lab host's. */
    private static boolean sameTree(MountEntry a, MountEntry b) {
        return a.device().equals(b.device()) && a.root().equals(b.root());
    }

    private static Phrase describe(Phrase who, Optional<MountEntry> root, String jail, MountEntry labRoot) {
        Phrase chroot = jail.equals("/") ? Phrase.EMPTY
                : Phrase.of(" (a chroot jail at " + jail + ")", "（位于 " + jail + " 的 chroot 牢笼）");
        if (root.isEmpty()) {
            return who.plus(" is " + jail + ", a directory of the lab host's filesystem (a chroot jail)",
                    "是 " + jail + "，实验主机文件系统里的一个目录（chroot 牢笼）");
        }
        MountEntry mount = root.get();
        if (sameTree(mount, labRoot)) {
            return who.plus(" is still the lab host's (" + mount.fsType() + " " + mount.source() + ")",
                    "仍是实验主机的（" + mount.fsType() + " " + mount.source() + "）").plus(chroot);
        }
        if (mount.device().equals(labRoot.device())) {
            return who.plus(" is " + mount.root() + " of the lab host's filesystem, bind-mounted",
                    "是实验主机文件系统里的 " + mount.root() + "，以 bind 方式挂载").plus(chroot);
        }
        if (mount.fsType().equals("overlay")) {
            int layers = mount.overlay().map(o -> o.lowerDirs().size()).orElse(0);
            return who.plus(" is an overlay of " + Texts.count(layers, "lower layer", "lower layers"),
                    "是有 " + layers + " 个下层的 overlay").plus(chroot);
        }
        String dir = mount.root().equals("/") ? "" : " " + mount.root();
        return who.plus(" is ", "是 ").plus(mount.fsType() + " " + mount.source() + dir).plus(chroot);
    }

    /** What of the lab host's root is still mounted, or null when nothing is. */
    private static Phrase oldRootLeft(MountTable mounts, String jail, MountEntry labRoot) {
        if (!jail.equals("/")) {
            return Phrase.of("it is a chroot jail (" + jail + "): the lab host's root is still mounted around it, hidden"
                    + " from its /proc/self/mountinfo but not gone (pivot_root, then umount -l the old root)",
                    "它是一个 chroot 牢笼（" + jail + "）：实验主机的根仍挂载在它周围，只是它的 /proc/self/mountinfo"
                    + " 里看不到，并没有消失（先 pivot_root，再 umount -l 旧的根）");
        }
        for (MountEntry mount : mounts.entries()) {
            if (sameTree(mount, labRoot) && !mount.mountPoint().equals("/")) {
                return Phrase.of("the lab host's root is still mounted at " + mount.mountPoint() + " (umount -l "
                        + mount.mountPoint() + ")", "实验主机的根仍挂载在 " + mount.mountPoint() + "（umount -l "
                        + mount.mountPoint() + "）");
            }
            if (sameTree(mount, labRoot)) {
                return Phrase.of("its root is still the lab host's", "它的根仍是实验主机的");
            }
        }
        return null;
    }

    private static boolean contains(CheckContext context, String path) {
        String p = Texts.quote(path);
        String out = CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.USER, NamespaceType.MNT),
                "if [ -e " + p + " ] || [ -L " + p + " ]; then echo yes; else echo no; fi"),
                Phrase.of("looking for " + path + " in " + Texts.possessive(context.targetName()) + " root",
                        "在" + context.target().zh() + "的根目录里找 " + path)).stdout();
        return out.strip().equals("yes");
    }
}
