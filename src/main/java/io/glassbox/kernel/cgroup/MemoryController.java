package io.glassbox.kernel.cgroup;

import java.util.OptionalLong;

/** The memory controller: a hard limit, usage, and how often the OOM killer struck inside the group. */
public interface MemoryController {

    /** The hard limit in bytes; empty when unlimited. */
    OptionalLong readMax(CgroupNode node);

    /** Sets the hard limit; beyond it the kernel reclaims, then OOM-kills a task of the group. */
    void writeMax(CgroupNode node, long bytes);

    /** Memory charged to the group now, in bytes. */
    long readCurrent(CgroupNode node);

    /** The highest usage recorded, in bytes; 0 where the kernel does not track it. */
    long readPeak(CgroupNode node);

    /** Tasks of the group (and its descendants) the OOM killer has killed; 0 where not reported. */
    long readOomKills(CgroupNode node);
}
