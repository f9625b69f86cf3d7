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
                .orElseThrow(() -> new CheckException("the lab host's init has no root mount"));
        String who = Texts.possessive(context.targetName()) + " root";
        String described = describe(who, root, jail, labRoot);
        Verdict verdict = new Verdict(who);
        if (spec.changed() != null) {
            boolean changed = !jail.equals("/") || root.isEmpty() || !sameTree(root.get(), labRoot);
            verdict.require(spec.changed() ? "not the lab host's" : "the lab host's", changed == spec.changed(),
                    described);
        }
        if (spec.contains() != null) {
            boolean has = contains(context, spec.contains());
            verdict.require("holding " + spec.contains(), has, who + (has ? " has " : " has no ") + spec.contains());
        }
        if (spec.overlay() != null) {
            boolean overlay = root.map(m -> m.fsType().equals("overlay")).orElse(false);
            verdict.require(spec.overlay() ? "an overlay" : "not an overlay", overlay == spec.overlay(), described);
        }
        if (spec.oldRootGone() != null) {
            String left = oldRootLeft(mounts, jail, labRoot);
            String seen = left != null ? left
                    : "nothing of the lab host's root filesystem is mounted in its mount namespace any more";
            verdict.require(spec.oldRootGone() ? "with the lab host's root unmounted"
                    : "with the lab host's root still mounted", (left == null) == spec.oldRootGone(), seen);
        }
        return verdict.result(Checks.idOf(spec));
    }

    /** Same filesystem and same directory of it: the root of a mount namespace copied from the lab host's. */
    private static boolean sameTree(MountEntry a, MountEntry b) {
        return a.device().equals(b.device()) && a.root().equals(b.root());
    }

    private static String describe(String who, Optional<MountEntry> root, String jail, MountEntry labRoot) {
        String chroot = jail.equals("/") ? "" : " (a chroot jail at " + jail + ")";
        if (root.isEmpty()) {
            return who + " is " + jail + ", a directory of the lab host's filesystem (a chroot jail)";
        }
        MountEntry mount = root.get();
        if (sameTree(mount, labRoot)) {
            return who + " is still the lab host's (" + mount.fsType() + " " + mount.source() + ")" + chroot;
        }
        if (mount.device().equals(labRoot.device())) {
            return who + " is " + mount.root() + " of the lab host's filesystem, bind-mounted" + chroot;
        }
        if (mount.fsType().equals("overlay")) {
            int layers = mount.overlay().map(o -> o.lowerDirs().size()).orElse(0);
            return who + " is an overlay of " + Texts.count(layers, "lower layer", "lower layers") + chroot;
        }
        String dir = mount.root().equals("/") ? "" : " " + mount.root();
        return who + " is " + mount.fsType() + " " + mount.source() + dir + chroot;
    }

    /** What of the lab host's root is still mounted, or null when nothing is. */
    private static String oldRootLeft(MountTable mounts, String jail, MountEntry labRoot) {
        if (!jail.equals("/")) {
            return "it is a chroot jail (" + jail + "): the lab host's root is still mounted around it, hidden from"
                    + " its /proc/self/mountinfo but not gone (pivot_root, then umount -l the old root)";
        }
        for (MountEntry mount : mounts.entries()) {
            if (sameTree(mount, labRoot) && !mount.mountPoint().equals("/")) {
                return "the lab host's root is still mounted at " + mount.mountPoint() + " (umount -l "
                        + mount.mountPoint() + ")";
            }
            if (sameTree(mount, labRoot)) {
                return "its root is still the lab host's";
            }
        }
        return null;
    }

    private static boolean contains(CheckContext context, String path) {
        String p = Texts.quote(path);
        String out = CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.USER, NamespaceType.MNT),
                "if [ -e " + p + " ] || [ -L " + p + " ]; then echo yes; else echo no; fi"),
                "looking for " + path + " in " + Texts.possessive(context.targetName()) + " root").stdout();
        return out.strip().equals("yes");
    }
}
