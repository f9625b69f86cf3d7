package io.glassbox.kernel.cgroup;

import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.mount.MountTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fixture trees for cgroup tests: sample mountinfo text, a fake /proc/<pid>/cgroup, and cgroup directories
 * filled with the files the kernel would create, with the kernel's default values.
 */
public final class CgroupFixture {

    /** This machine's {@code grep cgroup /proc/self/mountinfo}: v1 controllers plus an empty cgroup2 mount. */
    public static final String HYBRID = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
            34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
            36 31 0:33 / /sys/fs/cgroup/devices rw,relatime - cgroup cgroup rw,devices
            37 31 0:34 / /sys/fs/cgroup/freezer rw,relatime - cgroup cgroup rw,freezer
            38 31 0:35 / /sys/fs/cgroup/blkio rw,relatime - cgroup cgroup rw,blkio
            39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
            40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """;

    /** This machine's {@code /proc/self/cgroup}. */
    public static final String HYBRID_PROC_CGROUP = """
            9:name=systemd:/
            8:pids:/
            7:blkio:/
            6:freezer:/
            5:devices:/
            4:memory:/process_api/384d36de41d63fe460af0b0ea151a999
            3:cpuset:/
            2:cpuacct:/
            1:cpu:/
            0::/
            """;

    /** A systemd machine in legacy mode (CentOS 7 style): cpu and cpuacct co-mounted, no cgroup2. */
    public static final String LEGACY = """
            25 18 0:21 / /sys/fs/cgroup ro,nosuid,nodev,noexec shared:8 - tmpfs tmpfs ro,mode=755
            26 25 0:22 / /sys/fs/cgroup/systemd rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup \
            rw,xattr,release_agent=/usr/lib/systemd/systemd-cgroups-agent,name=systemd
            28 25 0:24 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid,nodev,noexec,relatime shared:10 - cgroup cgroup rw,cpu,cpuacct
            29 25 0:25 / /sys/fs/cgroup/memory rw,nosuid,nodev,noexec,relatime shared:11 - cgroup cgroup rw,memory
            30 25 0:26 / /sys/fs/cgroup/pids rw,nosuid,nodev,noexec,relatime shared:12 - cgroup cgroup rw,pids
            31 25 0:27 / /sys/fs/cgroup/freezer rw,nosuid,nodev,noexec,relatime shared:13 - cgroup cgroup rw,freezer
            """;

    /** A current systemd machine: cgroup2 only. */
    public static final String UNIFIED = """
            30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 \
            rw,nsdelegate,memory_recursiveprot
            """;

    private CgroupFixture() {
    }

    /** Creates every mount point of {@code mountinfo} under {@code root}, then detects the layout there. */
    public static CgroupLayout layout(Path root, String mountinfo) {
        MountTable mounts = MountTable.parse(mountinfo);
        mounts.entries().forEach(entry -> mkdirs(root.resolve(entry.mountPoint().substring(1))));
        return CgroupLayout.detect(mounts, root);
    }

    /** Like {@link #layout(Path, String)}, with the cgroup2 mount offering {@code controllers}. */
    public static CgroupLayout layout(Path root, String mountinfo, String mountPoint, String controllers) {
        write(root.resolve(mountPoint.substring(1)).resolve("cgroup.controllers"), controllers);
        return layout(root, mountinfo);
    }

    /** A /proc with one process, {@code pid}, whose cgroup file says {@code cgroupLines}. */
    public static ProcFs proc(Path root, long pid, String cgroupLines) {
        write(root.resolve("proc").resolve(Long.toString(pid)).resolve("cgroup"), cgroupLines);
        return new ProcFs(root.resolve("proc"));
    }

    /** The files the v1 kernel would put into each directory of a new cgroup, with their default values. */
    public static void populateV1(CgroupNode node) {
        node.directories().forEach((controller, dir) -> {
            write(dir.resolve("cgroup.procs"), "");
            write(dir.resolve("tasks"), "");
            switch (controller) {
                case MEMORY -> {
                    write(dir.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
                    write(dir.resolve("memory.usage_in_bytes"), "0\n");
                    write(dir.resolve("memory.max_usage_in_bytes"), "0\n");
                    write(dir.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 0\n");
                }
                case PIDS -> {
                    write(dir.resolve("pids.max"), "max\n");
                    write(dir.resolve("pids.current"), "0\n");
                    write(dir.resolve("pids.events"), "max 0\n");
                }
                case CPU -> {
                    write(dir.resolve("cpu.cfs_quota_us"), "-1\n");
                    write(dir.resolve("cpu.cfs_period_us"), "100000\n");
                    write(dir.resolve("cpu.stat"), "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
                }
                case CPUACCT -> write(dir.resolve("cpuacct.usage"), "0\n");
                case FREEZER -> write(dir.resolve("freezer.state"), "THAWED\n");
            }
        });
    }

    /** The files of a new v2 cgroup with {@code controllers} available, none enabled for its children yet. */
    public static void populateV2(Path dir, String controllers) {
        write(dir.resolve("cgroup.controllers"), controllers + "\n");
        write(dir.resolve("cgroup.subtree_control"), "\n");
        write(dir.resolve("cgroup.procs"), "");
        write(dir.resolve("cgroup.threads"), "");
        write(dir.resolve("cgroup.freeze"), "0\n");
        write(dir.resolve("cgroup.events"), "populated 0\nfrozen 0\n");
        write(dir.resolve("memory.max"), "max\n");
        write(dir.resolve("memory.current"), "0\n");
        write(dir.resolve("memory.peak"), "0\n");
        write(dir.resolve("memory.events"), "low 0\nhigh 0\nmax 0\noom 0\noom_kill 0\noom_group_kill 0\n");
        write(dir.resolve("pids.max"), "max\n");
        write(dir.resolve("pids.current"), "0\n");
        write(dir.resolve("pids.events"), "max 0\n");
        write(dir.resolve("cpu.max"), "max 100000\n");
        write(dir.resolve("cpu.stat"), "usage_usec 0\nuser_usec 0\nsystem_usec 0\n"
                + "nr_periods 0\nnr_throttled 0\nthrottled_usec 0\n");
    }

    public static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void mkdirs(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A uid:gid to chown to: a mapped-root-like id when we are root, our own otherwise (chown needs root). */
    public static int[] delegateIds(Path anyFile) {
        try {
            int uid = (Integer) Files.getAttribute(anyFile, "unix:uid");
            int gid = (Integer) Files.getAttribute(anyFile, "unix:gid");
            return uid == 0 ? new int[] {100000, 100000} : new int[] {uid, gid};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int uidOf(Path path) {
        try {
            return (Integer) Files.getAttribute(path, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
