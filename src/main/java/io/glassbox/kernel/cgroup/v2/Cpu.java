package io.glassbox.kernel.cgroup.v2;

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
 * The v2 cpu controller (cgroup-v2.rst, "CPU Interface Files"). Quota and period share one file, cpu.max
 * ("max 100000" or "50000 100000"), so one write sets both. cpu.stat's usage_usec is a core file; the
 * nr_periods, nr_throttled and throttled_usec keys appear only where the cpu controller is enabled.
 */
public final class Cpu implements CpuController {

    @Override
    public CpuQuota readQuota(CgroupNode node) {
        Path file = file(node, "cpu.max");
        String text = CgroupFiles.read(file);
        String[] words = text.split("\\s+");
        if (words.length != 2) {
            throw new KernelException("parse", file + ": '" + text + "'", "unexpected format",
                    "expected '<quota|max> <period>'");
        }
        OptionalLong quota = CgroupFiles.parseLimit(file, words[0]);
        return new CpuQuota(quota, CgroupFiles.parseLimit(file, words[1]).orElseThrow());
    }

    @Override
    public void writeQuota(CgroupNode node, CpuQuota quota) {
        String value = (quota.quotaMicros().isPresent() ? Long.toString(quota.quotaMicros().getAsLong()) : "max")
                + " " + quota.periodMicros();
        CgroupFiles.write(file(node, "cpu.max"), value,
                Map.of("EINVAL", "quota and period must be 1 ms to 1 s (sched-bwc.rst)"));
    }

    @Override
    public CpuStats readStats(CgroupNode node) {
        Map<String, Long> stat = CgroupFiles.readKeyed(file(node, "cpu.stat"));
        return new CpuStats(stat.getOrDefault("usage_usec", 0L), stat.getOrDefault("nr_periods", 0L),
                stat.getOrDefault("nr_throttled", 0L), stat.getOrDefault("throttled_usec", 0L));
    }

    private static Path file(CgroupNode node, String name) {
        return node.directory(Controller.CPU).resolve(name);
    }
}
