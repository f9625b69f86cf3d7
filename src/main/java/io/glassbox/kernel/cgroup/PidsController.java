package io.glassbox.kernel.cgroup;

import java.util.OptionalLong;

/**
 * The pids controller: caps how many tasks (processes and threads) a group may hold, the defence against a
 * fork bomb (kernel Documentation/admin-guide/cgroup-v1/pids.rst).
 */
public interface PidsController {

    /** The task limit; empty when unlimited ("max"). */
    OptionalLong readMax(CgroupNode node);

    void writeMax(CgroupNode node, long tasks);

    /** Tasks in the group and its descendants now. */
    long readCurrent(CgroupNode node);

    /** How many fork(2)/clone(2) calls failed because the limit was reached; 0 where not reported. */
    long readMaxEvents(CgroupNode node);
}
