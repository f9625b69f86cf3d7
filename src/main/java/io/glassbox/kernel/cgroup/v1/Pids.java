package io.glassbox.kernel.cgroup.v1;

import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CgroupTree;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.PidsController;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The v1 pids controller (kernel Documentation/admin-guide/cgroup-v1/pids.rst). It came late (Linux 4.3) and
 * already speaks v2's language ("max" for no limit), so its files match v2's; only the hierarchy differs.
 */
public final class Pids implements PidsController {

    @Override
    public OptionalLong readMax(CgroupNode node) {
        return CgroupFiles.readLimit(file(node, "pids.max"));
    }

    @Override
    public void writeMax(CgroupNode node, long tasks) {
        if (tasks <= 0) {
            throw new IllegalArgumentException("pids limit must be positive: " + tasks);
        }
        CgroupFiles.write(file(node, "pids.max"), Long.toString(tasks));
    }

    @Override
    public long readCurrent(CgroupNode node) {
        return CgroupFiles.readLong(file(node, "pids.current"));
    }

    /**
     * cgroup v1 counts a refused fork in the cgroup of the task that forked, not in the one whose limit was
     * hit, so the refusals "in" a node are the sum over it and every cgroup below it.
     */
    @Override
    public long readMaxEvents(CgroupNode node) {
        long events = 0;
        for (Path dir : CgroupTree.directories(node.directory(Controller.PIDS))) {
            events += CgroupFiles.readKeyed(dir.resolve("pids.events"), "max");
        }
        return events;
    }

    private static Path file(CgroupNode node, String name) {
        return node.directory(Controller.PIDS).resolve(name);
    }
}
