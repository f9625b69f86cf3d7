package io.glassbox.kernel.cgroup.v2;

import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.MemoryController;
import java.nio.file.Path;
import java.util.OptionalLong;

/** The v2 memory controller (cgroup-v2.rst, "Memory Interface Files"). */
public final class Memory implements MemoryController {

    /** memory.max: bytes or "max". */
    @Override
    public OptionalLong readMax(CgroupNode node) {
        return CgroupFiles.readLimit(file(node, "memory.max"));
    }

    @Override
    public void writeMax(CgroupNode node, long bytes) {
        if (bytes <= 0) {
            throw new IllegalArgumentException("memory limit must be positive: " + bytes);
        }
        CgroupFiles.write(file(node, "memory.max"), Long.toString(bytes));
    }

    @Override
    public long readCurrent(CgroupNode node) {
        return CgroupFiles.readLong(file(node, "memory.current"));
    }

    /** memory.peak exists since Linux 5.19. */
    @Override
    public long readPeak(CgroupNode node) {
        return CgroupFiles.readLongOrZero(file(node, "memory.peak"));
    }

    /** The {@code oom_kill} key of memory.events, which counts this cgroup and its descendants. */
    @Override
    public long readOomKills(CgroupNode node) {
        return CgroupFiles.readKeyed(file(node, "memory.events"), "oom_kill");
    }

    private static Path file(CgroupNode node, String name) {
        return node.directory(Controller.MEMORY).resolve(name);
    }
}
