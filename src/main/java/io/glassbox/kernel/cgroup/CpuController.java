package io.glassbox.kernel.cgroup;

/** The cpu controller's bandwidth limit and the group's CPU accounting. */
public interface CpuController {

    CpuQuota readQuota(CgroupNode node);

    void writeQuota(CgroupNode node, CpuQuota quota);

    CpuStats readStats(CgroupNode node);
}
