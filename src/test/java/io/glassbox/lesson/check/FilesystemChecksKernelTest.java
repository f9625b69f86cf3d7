package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec.FileCheck;
import io.glassbox.lesson.model.CheckSpec.MountCheck;
import io.glassbox.lesson.model.CheckSpec.RootCheck;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** root, mount and file checks on a real lab host, with containers built the way the lessons teach. */
@Tag("kernel")
class FilesystemChecksKernelTest {

    /** KERNEL-NOTES.md: mount proc before detaching the old root, or the kernel refuses the proc mount. */
    static final String PIVOT = "cp -a /images/busybox /tmp/rootfs && unshare --mount --pid --fork sh -c"
            + " 'mount --bind /tmp/rootfs /tmp/rootfs && cd /tmp/rootfs && mkdir -p oldroot && pivot_root . oldroot"
            + " && mount -t proc proc /proc && %s exec sleep %d'";

    static final String OVERLAY = "mkdir -p /tmp/c/upper /tmp/c/work /tmp/c/rootfs "
            + "&& unshare --mount --pid --fork sh -c"
            + " 'mount -t overlay overlay -o lowerdir=/images/web/layers/update:/images/web/layers/site"
            + ":/images/web/layers/base,upperdir=/tmp/c/upper,workdir=/tmp/c/work /tmp/c/rootfs"
            + " && cd /tmp/c/rootfs && mkdir -p oldroot && pivot_root . oldroot && mount -t proc proc /proc"
            + " && umount -l /oldroot && rm /etc/motd && exec sleep 1020'";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.USERNS, 1_160_000_000L);

    @RegisterExtension
    final CheckLab lab = new CheckLab(SANDBOX);

    @Test
    void rootChangesOnlyWithPivotRootAndTheOldRootGoesOnlyWithUmount() throws Exception {
        RootCheck changed = new RootCheck(null, null, null, true, "/linuxrc", null, null);
        RootCheck gone = new RootCheck(null, null, null, null, null, null, true);
        lab.start("exec sleep 1010");
        ResolvedTarget plain = lab.await("sleep 1010");
        CheckResult before = lab.check(changed, plain);
        assertThat(before.passed()).isFalse();
        assertThat(before.observed()).contains("root is still the lab host's (tmpfs glassbox-lab)", "has no /linuxrc");
        assertThat(lab.check(gone, plain).observed()).isEqualTo("its root is still the lab host's");

        // chroot changes the root, but the lab host's root stays mounted around the jail.
        lab.start("cp -a /images/busybox /tmp/jail && exec chroot /tmp/jail sleep 1011");
        ResolvedTarget jailed = lab.await("sleep 1011");
        assertThat(lab.check(changed, jailed).passed()).isTrue();
        CheckResult jail = lab.check(gone, jailed);
        assertThat(jail.passed()).isFalse();
        assertThat(jail.observed()).startsWith("it is a chroot jail (/tmp/jail)");

        // pivot_root without detaching the old root leaves it at /oldroot.
        lab.start(String.format(PIVOT, "", 1012));
        ResolvedTarget pivoted = lab.await("sleep 1012");
        assertThat(lab.check(changed, pivoted).passed()).isTrue();
        CheckResult oldRoot = lab.check(gone, pivoted);
        assertThat(oldRoot.passed()).isFalse();
        assertThat(oldRoot.observed())
                .isEqualTo("the lab host's root is still mounted at /oldroot (umount -l /oldroot)");

        lab.run("rm -rf /tmp/rootfs");
        lab.start(String.format(PIVOT, "umount -l /oldroot &&", 1013));
        ResolvedTarget container = lab.await("sleep 1013");
        CheckResult after = lab.check(new RootCheck(null, null, null, true, "/linuxrc", false, true), container);
        assertThat(after.passed()).as(after.message()).isTrue();
        assertThat(after.observed()).contains("root is /tmp/rootfs of the lab host's filesystem, bind-mounted",
                "has /linuxrc", "nothing of the lab host's root filesystem is mounted");
    }

    @Test
    void anOverlayRootOfThreeLayersWithAWhiteoutInItsUpperDirectory() throws Exception {
        lab.start("exec sleep 1021");
        ResolvedTarget plain = lab.await("sleep 1021");
        RootCheck overlay = new RootCheck(null, null, null, null, null, true, null);
        MountCheck layers = new MountCheck(null, null, null, "/", null, "overlay", null, null, 3);
        FileCheck whiteout = new FileCheck(null, null, null, "/tmp/c/upper/etc/motd", null, null, true);
        assertThat(lab.check(overlay, plain).observed()).isEqualTo(plain.name() + "'s root is still the lab host's"
                + " (tmpfs glassbox-lab)");
        CheckResult notOverlay = lab.check(layers, plain);
        assertThat(notOverlay.observed()).isEqualTo("/ is tmpfs, not overlay; / is not an overlay");
        CheckResult noWhiteout = lab.checkLabHost(whiteout);
        assertThat(noWhiteout.observed()).isEqualTo("/tmp/c/upper/etc/motd does not exist");

        lab.start(OVERLAY);
        ResolvedTarget container = lab.await("sleep 1020");
        CheckResult root = lab.check(overlay, container);
        assertThat(root.passed()).as(root.message()).isTrue();
        assertThat(root.observed()).endsWith("root is an overlay of 3 lower layers");
        assertThat(lab.check(layers, container).passed()).isTrue();
        CheckResult deleted = lab.checkLabHost(whiteout);
        assertThat(deleted.passed()).as(deleted.message()).isTrue();
        assertThat(deleted.observed()).contains("is a character device 0/0, a whiteout");
        assertThat(lab.check(new FileCheck(null, null, null, "/etc/motd", false, null, null), container).passed())
                .isTrue();
        CheckResult merged = lab.check(new FileCheck(null, null, null, "/var/www/index.html", null, "update layer",
                false), container);
        assertThat(merged.passed()).as(merged.message()).isTrue();
        assertThat(lab.checkLabHost(new FileCheck(null, null, null, "/images/web/layers/update/var/cache/build.cache",
                null, null, true)).passed()).isTrue();
    }

    @Test
    void aMountWithOptionsAndPropagation() throws Exception {
        MountCheck data = new MountCheck(null, null, null, "/mnt/data", null, "tmpfs", List.of("ro", "size=1024k"),
                "shared", null);
        lab.start("exec sleep 1030");
        CheckResult before = lab.check(data, lab.await("sleep 1030"));
        assertThat(before.passed()).isFalse();
        assertThat(before.expected()).isEqualTo("a mount at /mnt/data in the process running \"sleep 1030\"'s mount"
                + " namespace: of type tmpfs, with ro,size=1024k, shared");
        assertThat(before.observed()).isEqualTo("nothing is mounted at /mnt/data");

        lab.start("mkdir -p /mnt/data && unshare --mount sh -c 'mount -t tmpfs -o ro,size=1m data /mnt/data"
                + " && exec sleep 1031'");
        ResolvedTarget privateMount = lab.await("sleep 1031");
        CheckResult wrongPropagation = lab.check(data, privateMount);
        assertThat(wrongPropagation.observed()).isEqualTo("/mnt/data is private");

        lab.start("unshare --mount sh -c 'mount -t tmpfs -o ro,size=1m data /mnt/data"
                + " && mount --make-shared /mnt/data && exec sleep 1032'");
        CheckResult after = lab.check(data, lab.await("sleep 1032"));
        assertThat(after.passed()).as(after.message()).isTrue();
        assertThat(after.observed()).matches("/mnt/data is a tmpfs mount; .*; /mnt/data is shared \\(shared:\\d+\\)");
        assertThat(lab.check(new MountCheck(null, null, null, "/mnt/data", false, null, null, null, null),
                privateMount).observed()).isEqualTo("/mnt/data is still a tmpfs mount (umount /mnt/data)");
        assertThat(lab.checkLabHost(new MountCheck(null, null, null, "/mnt/data", false, null, null, null, null))
                .passed()).isTrue();
    }

    @Test
    void aFileAndItsContent() {
        FileCheck greeting = new FileCheck(null, null, null, "/tmp/it's here", null, "hello", null);
        CheckResult missing = lab.checkLabHost(greeting);
        assertThat(missing.passed()).isFalse();
        assertThat(missing.expected()).isEqualTo("/tmp/it's here in the lab host's filesystem: containing \"hello\"");
        assertThat(missing.observed()).isEqualTo("/tmp/it's here does not exist");
        lab.run("echo goodbye > \"/tmp/it's here\"");
        assertThat(lab.checkLabHost(greeting).observed())
                .isEqualTo("/tmp/it's here holds \"goodbye\", without \"hello\"");
        lab.run("echo hello > \"/tmp/it's here\"");
        assertThat(lab.checkLabHost(greeting).passed()).isTrue();
        lab.run("mkdir /tmp/dir");
        assertThat(lab.checkLabHost(new FileCheck(null, null, null, "/tmp/dir", null, "x", null)).observed())
                .isEqualTo("/tmp/dir is a directory, not a regular file");
    }

    /** The server is the machine's root: a link a learner plants must resolve inside the lab, never on the machine. */
    @Test
    void aPlantedSymlinkNeverRevealsTheMachinesFiles() throws Exception {
        String shadow = Files.readAllLines(Path.of("/etc/shadow")).get(0);
        String hostname = Files.readString(Path.of("/etc/hostname")).strip();
        lab.run("ln -s /etc/shadow /tmp/x && ln -s / /tmp/top && ln -s /proc/1/root/etc/hostname /tmp/h");
        for (String path : List.of("/tmp/x", "/tmp/top/etc/shadow")) {
            CheckResult result = lab.checkLabHost(new FileCheck(null, null, null, path, null, "root:", null));
            assertThat(result.passed()).isFalse();
            assertThat(result.message()).doesNotContain(shadow.substring(0, Math.min(12, shadow.length())))
                    .contains("does not exist");
        }
        CheckResult labName = lab.checkLabHost(
                new FileCheck(null, null, null, "/tmp/h", null, lab.host.hostname(), null));
        assertThat(labName.passed()).as(labName.message()).isTrue();
        assertThat(lab.checkLabHost(new FileCheck(null, null, null, "/tmp/h", null, hostname, null))
                .passed()).isFalse();
    }
}
