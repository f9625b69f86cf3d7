package io.glassbox.kernel.cgroup.v1;

import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CgroupTree;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.MemoryController;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/** The v1 memory controller (kernel Documentation/admin-guide/cgroup-v1/memory.rst). */
public final class Memory implements MemoryController {

    /**
     * v1 has no word for "no limit": an unlimited group reports PAGE_COUNTER_MAX in bytes, e.g.
     * 9223372036854771712 on x86-64. Anything this large is no limit in practice.
     */
    static final long UNLIMITED_FROM = 1L << 62;

    @Override
    public OptionalLong readMax(CgroupNode node) {
        long limit = CgroupFiles.readLong(file(node, "memory.limit_in_bytes"));
        return limit >= UNLIMITED_FROM ? OptionalLong.empty() : OptionalLong.of(limit);
    }

    @Override
    public void writeMax(CgroupNode node, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive: " + bytes);
        }
        CgroupFiles.write(file(node, "memory.limit_in_bytes"), Long.toString(bytes), Map.of("EBUSY",
                "the group uses more than the new limit and the kernel could not reclaim enough (memory.rst 2.5)"));
    }

    @Override
    public long readCurrent(CgroupNode node) {
        return CgroupFiles.readLong(file(node, "memory.usage_in_bytes"));
    }

    @Override
    public long readPeak(CgroupNode node) {
        return CgroupFiles.readLongOrZero(file(node, "memory.max_usage_in_bytes"));
    }

    /**
     * The {@code oom_kill} lines of memory.oom_control (Linux 4.13 and later), summed over {@code node} and every
     * cgroup below it: v1 counts a kill only in the cgroup of the killed task, which may be a child of the one
     * whose limit was exceeded.
     */
    @Override
    public long readOomKills(CgroupNode node) {
        long kills = 0;
        for (Path dir : CgroupTree.directories(node.directory(Controller.MEMORY))) {
            kills += CgroupFiles.readKeyed(dir.resolve("memory.oom_control"), "oom_kill");
        }
        return kills;
    }

    private static Path file(CgroupNode node, String name) {
        return node.directory(Controller.MEMORY).resolve(name);
    }
}
