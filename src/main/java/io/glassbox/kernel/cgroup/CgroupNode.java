package io.glassbox.kernel.cgroup;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One cgroup, as the host directories that hold it: on v1 one directory per controller's hierarchy (memory
 * and pids are separate trees), on v2 the same directory for every controller. A node is a name, not a
 * promise: the directories need not exist yet.
 *
 * @param directories absolute host paths, per controller
 */
public record CgroupNode(Map<Controller, Path> directories) {

    public CgroupNode {
        if (directories.isEmpty()) {
            throw new IllegalArgumentException("a cgroup node needs at least one directory");
        }
        for (Path dir : directories.values()) {
            if (!dir.isAbsolute()) {
                throw new IllegalArgumentException("cgroup directory must be absolute: " + dir);
            }
        }
        directories = Collections.unmodifiableMap(new EnumMap<>(directories));
    }

    /** A v2 node: every controller in the one directory. */
    public static CgroupNode unified(Path directory) {
        Map<Controller, Path> all = new EnumMap<>(Controller.class);
        for (Controller controller : Controller.values()) {
            all.put(controller, directory);
        }
        return new CgroupNode(all);
    }

    public Path directory(Controller controller) {
        Path dir = directories.get(controller);
        if (dir == null) {
            throw new IllegalArgumentException("cgroup " + directories.values().iterator().next()
                    + " has no directory for " + controller.v1Name() + ": that hierarchy is not mounted");
        }
        return dir;
    }

    /** Each directory once, in controller order; on v1 cpu and cpuacct may share one (co-mounted). */
    public Set<Path> distinctDirectories() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(directories.values()));
    }

    /** The child cgroup {@code name} in every directory; pure path computation, nothing is created. */
    public CgroupNode child(String name) {
        if (name == null || name.isEmpty() || name.contains("/") || name.equals(".") || name.equals("..")
                || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a cgroup name (one path element, not . or ..): '" + name + "'");
        }
        Map<Controller, Path> children = new EnumMap<>(Controller.class);
        directories.forEach((controller, dir) -> children.put(controller, dir.resolve(name)));
        return new CgroupNode(children);
    }
}
