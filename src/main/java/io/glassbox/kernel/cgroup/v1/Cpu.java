package io.glassbox.kernel.cgroup.v1;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.CpuController;
import io.glassbox.kernel.cgroup.CpuQuota;
import io.glassbox.kernel.cgroup.CpuStats;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The v1 cpu and cpuacct controllers: CFS bandwidth (kernel Documentation/scheduler/sched-bwc.rst) in the cpu
 * hierarchy, and usage in the cpuacct hierarchy, which may be a separate tree (cgroup-v1/cpuacct.rst).
 */
public final class Cpu implements CpuController {

    private static final Map<String, String> HINTS = Map.of("EINVAL",
            "quota and period must be 1 ms to 1 s, and a child's quota may not exceed its parent's (sched-bwc.rst)");

    /** cpu.cfs_quota_us: -1 means unlimited. */
    @Override
    public CpuQuota readQuota(CgroupNode node) {
        long quota = CgroupFiles.readLong(file(node, "cpu.cfs_quota_us"));
        long period = CgroupFiles.readLong(file(node, "cpu.cfs_period_us"));
        return new CpuQuota(quota < 0 ? OptionalLong.empty() : OptionalLong.of(quota), period);
    }

    /**
     * Two files, so two writes, and the kernel checks each against the other: as runc does, write the period
     * first and, if the kernel rejects it next to the old quota, the quota first.
     */
    @Override
    public void writeQuota(CgroupNode node, CpuQuota quota) {
        String quotaText = Long.toString(quota.quotaMicros().orElse(-1));
        String periodText = Long.toString(quota.periodMicros());
        Path quotaFile = file(node, "cpu.cfs_quota_us");
        Path periodFile = file(node, "cpu.cfs_period_us");
        try {
            CgroupFiles.write(periodFile, periodText, HINTS);
        } catch (KernelException e) {
            if (!e.errno().equals("EINVAL")) {
                throw e;
            }
            CgroupFiles.write(quotaFile, quotaText, HINTS);
            CgroupFiles.write(periodFile, periodText, HINTS);
            return;
        }
        CgroupFiles.write(quotaFile, quotaText, HINTS);
    }

    /** cpu.stat counts throttled time in nanoseconds, as does cpuacct.usage; both become microseconds. */
    @Override
    public CpuStats readStats(CgroupNode node) {
        Map<String, Long> stat = CgroupFiles.readKeyed(file(node, "cpu.stat"));
        long usageNanos = node.directories().containsKey(Controller.CPUACCT)
                ? CgroupFiles.readLong(node.directory(Controller.CPUACCT).resolve("cpuacct.usage"))
                : 0;
        return new CpuStats(usageNanos / 1000, stat.getOrDefault("nr_periods", 0L),
                stat.getOrDefault("nr_throttled", 0L), stat.getOrDefault("throttled_time", 0L) / 1000);
    }

    private static Path file(CgroupNode node, String name) {
        return node.directory(Controller.CPU).resolve(name);
    }
}
