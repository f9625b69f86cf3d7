package io.glassbox.kernel.cgroup;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.mount.MountEntry;
import io.glassbox.kernel.mount.MountTable;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the cgroup filesystems are mounted, read from mountinfo (man 5 proc) and never guessed: on some
 * machines {@code /sys/fs/cgroup} is a plain tmpfs, and writing a "limit" there creates a file that limits
 * nothing.
 *
 * @param v1Hierarchies the visible {@code cgroup} (v1) mounts, one per hierarchy, in mount order
 * @param unifiedMountPoint the visible {@code cgroup2} mount, if any
 * @param unifiedControllers the words of {@code <unified mount>/cgroup.controllers}
 * @param unifiedMountRoot mountinfo's root field of the cgroup2 mount ("/" unless it shows a sub-cgroup)
 */
public record CgroupLayout(CgroupLayoutKind kind, List<V1Hierarchy> v1Hierarchies, Optional<Path> unifiedMountPoint,
        Set<String> unifiedControllers, String unifiedMountRoot) {

    /** The controllers the kernel can bind to a v1 hierarchy; other super options (rw, name=, xattr) are not. */
    private static final Set<String> V1_SUBSYSTEMS = Set.of("cpu", "cpuacct", "cpuset", "memory", "devices",
            "freezer", "net_cls", "net_prio", "blkio", "perf_event", "hugetlb", "pids", "rdma", "misc", "debug");

    /**
     * One v1 hierarchy.
     *
     * @param controllers the controllers bound to it, from the mount's super options ({@code rw,cpu,cpuacct});
     *     empty for a named hierarchy such as {@code name=systemd}
     * @param mountRoot mountinfo's root field: the cgroup shown at the mount point, "/" unless this is a bind
     *     mount of a sub-cgroup or the mount is seen from another cgroup namespace ("/.." then)
     */
    public record V1Hierarchy(Path mountPoint, Set<String> controllers, String mountRoot) {

        public V1Hierarchy {
            controllers = Set.copyOf(controllers);
        }

        public V1Hierarchy(Path mountPoint, Set<String> controllers) {
            this(mountPoint, controllers, "/");
        }
    }

    public CgroupLayout {
        v1Hierarchies = List.copyOf(v1Hierarchies);
        unifiedControllers = Set.copyOf(unifiedControllers);
    }

    public CgroupLayout(CgroupLayoutKind kind, List<V1Hierarchy> v1Hierarchies, Optional<Path> unifiedMountPoint,
            Set<String> unifiedControllers) {
        this(kind, v1Hierarchies, unifiedMountPoint, unifiedControllers, "/");
    }

    /** The layout as seen by the mount table of the host, with mount points as they are. */
    public static CgroupLayout detect(MountTable mounts) {
        return detect(mounts, Path.of("/"));
    }

    /**
     * The layout with every mount point placed under {@code root}, so tests can pair a sample mountinfo with a
     * fixture tree ({@code root}/sys/fs/cgroup/...).
     */
    public static CgroupLayout detect(MountTable mounts, Path root) {
        List<V1Hierarchy> v1 = new ArrayList<>();
        Set<String> seenDevices = new HashSet<>();
        MountEntry unified = null;
        for (MountEntry entry : mounts.entries()) {
            // A mount hidden by a later one on the same path is not where the files are.
            if (!mounts.at(entry.mountPoint()).map(entry::equals).orElse(false)) {
                continue;
            }
            if (entry.fsType().equals("cgroup") && seenDevices.add(entry.device())) {
                v1.add(new V1Hierarchy(rebase(root, entry.mountPoint()), controllersOf(entry), entry.root()));
            } else if (entry.fsType().equals("cgroup2") && unified == null) {
                unified = entry;
            }
        }
        if (v1.isEmpty() && unified == null) {
            throw new KernelException("detect cgroup layout", "mountinfo", "ENOENT",
                    "no cgroup or cgroup2 filesystem is mounted (man 7 cgroups)");
        }
        CgroupLayoutKind kind = unified == null ? CgroupLayoutKind.LEGACY
                : v1.isEmpty() ? CgroupLayoutKind.UNIFIED : CgroupLayoutKind.HYBRID;
        Optional<Path> unifiedPoint = Optional.ofNullable(unified).map(e -> rebase(root, e.mountPoint()));
        Set<String> available = unifiedPoint.map(p -> CgroupFiles.readWords(p.resolve("cgroup.controllers")))
                .orElse(Set.of());
        return new CgroupLayout(kind, v1, unifiedPoint, available, unified == null ? "/" : unified.root());
    }

    /** The first v1 hierarchy that has {@code controller} ("memory", "cpu", ...). */
    public Optional<V1Hierarchy> v1HierarchyOf(String controller) {
        return v1Hierarchies.stream().filter(h -> h.controllers().contains(controller)).findFirst();
    }

    public Optional<Path> v1MountOf(String controller) {
        return v1HierarchyOf(controller).map(V1Hierarchy::mountPoint);
    }

    /** Every cgroup mount point, v1 and v2. */
    public List<Path> mountPoints() {
        return Stream.concat(v1Hierarchies.stream().map(V1Hierarchy::mountPoint), unifiedMountPoint.stream()).toList();
    }

    /**
     * Returns {@code dir} if it lies strictly below a cgroup mount point, so that a mkdir, chown or rmdir
     * never lands on the tmpfs around the mounts, nor removes a hierarchy's root.
     */
    public Path requireBelowMount(Path dir) {
        Path normal = dir.toAbsolutePath().normalize();
        for (Path mount : mountPoints()) {
            if (normal.startsWith(mount) && !normal.equals(mount)) {
                return normal;
            }
        }
        throw new IllegalArgumentException("refusing to change " + dir
                + ": it is not below a cgroup mount point (" + describe() + ")");
    }

    /** The directory of the v1 cgroup {@code cgroupPath} (from /proc/pid/cgroup) in the hierarchy of {@code h}. */
    public Path v1Directory(V1Hierarchy h, String cgroupPath) {
        return below(h.mountPoint(), h.mountRoot(), cgroupPath);
    }

    /** The directory of the v2 cgroup {@code cgroupPath} (the {@code 0::} line of /proc/pid/cgroup). */
    public Path unifiedDirectory(String cgroupPath) {
        Path mount = unifiedMountPoint.orElseThrow(() -> new IllegalStateException("no cgroup2 mount: " + describe()));
        return below(mount, unifiedMountRoot, cgroupPath);
    }

    /**
     * One line for a start-up report, e.g. {@code cgroup v1 (hybrid): memory at /sys/fs/cgroup/memory, ...;
     * cgroup2 at /sys/fs/cgroup/unified with no controllers}.
     */
    public String describe() {
        String head = switch (kind) {
            case LEGACY -> "cgroup v1 (legacy)";
            case HYBRID -> "cgroup v1 (hybrid)";
            case UNIFIED -> "cgroup v2 (unified)";
        };
        List<String> parts = new ArrayList<>();
        if (!v1Hierarchies.isEmpty()) {
            parts.add(v1Hierarchies.stream().map(CgroupLayout::describe).collect(Collectors.joining(", ")));
        }
        unifiedMountPoint.ifPresent(mount -> parts.add("cgroup2 at " + mount + (unifiedControllers.isEmpty()
                ? " with no controllers"
                : " with controllers " + String.join(" ", sorted(unifiedControllers)))));
        return head + ": " + String.join("; ", parts);
    }

    private static String describe(V1Hierarchy h) {
        String what = h.controllers().isEmpty() ? "named hierarchy" : String.join(",", sorted(h.controllers()));
        return what + " at " + h.mountPoint();
    }

    private static List<String> sorted(Set<String> words) {
        return words.stream().sorted().toList();
    }

    private static Set<String> controllersOf(MountEntry entry) {
        return entry.superOptions().stream().filter(V1_SUBSYSTEMS::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static Path rebase(Path root, String mountPoint) {
        return root.resolve(mountPoint.substring(1)).normalize();
    }

    /**
     * Where {@code cgroupPath} lives below a mount that shows cgroup {@code mountRoot}. Both come from the
     * reader's cgroup namespace, so inside one they may start with "/.." (cgroup_namespaces(7)). The paths are
     * normalized here by hand: {@link Path#normalize()} turns "/../x" into "/x", a different cgroup.
     */
    private Path below(Path mountPoint, String mountRoot, String cgroupPath) {
        List<String> root = segments(mountRoot);
        List<String> target = segments(cgroupPath);
        boolean inside = target.size() >= root.size() && target.subList(0, root.size()).equals(root)
                && !target.subList(root.size(), target.size()).contains("..");
        if (!inside) {
            throw new KernelException("resolve cgroup", "path=" + cgroupPath + " mount=" + mountPoint
                    + " root=" + mountRoot, "escapes the mount",
                    "the cgroup is outside what this mount shows (a cgroup namespace or a bind mount of a sub-cgroup);"
                            + " read /proc/<pid>/cgroup from the host's cgroup namespace");
        }
        Path dir = mountPoint;
        for (String segment : target.subList(root.size(), target.size())) {
            dir = dir.resolve(segment);
        }
        return dir;
    }

    /** "/a/./b/../c" as [a, c]; a ".." above the top is kept ("/../x" is [.., x]). */
    private static List<String> segments(String path) {
        Deque<String> out = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..") && !out.isEmpty() && !out.peekLast().equals("..")) {
                out.removeLast();
            } else {
                out.addLast(segment);
            }
        }
        return List.copyOf(out);
    }
}
