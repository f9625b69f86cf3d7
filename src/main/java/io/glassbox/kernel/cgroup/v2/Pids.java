package io.glassbox.kernel.cgroup.v2;

import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.PidsController;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The v2 pids controller (cgroup-v2.rst, "PID Interface Files"): pids.max, pids.current, pids.events. */
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

    /** The {@code max} key of pids.events: forks refused because this cgroup or an ancestor hit its limit. */
    @Override
    public long readMaxEvents(CgroupNode node) {
        return CgroupFiles.readKeyed(file(node, "pids.events"), "max");
    }

    private static Path file(CgroupNode node, String name) {
        return node.directory(Controller.PIDS).resolve(name);
    }
}
