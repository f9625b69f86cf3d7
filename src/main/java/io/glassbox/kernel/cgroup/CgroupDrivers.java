package io.glassbox.kernel.cgroup;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.v1.CgroupV1Driver;
import io.glassbox.kernel.cgroup.v2.CgroupV2Driver;
import io.glassbox.kernel.mount.MountTable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks the cgroup driver for a machine. Glassbox needs the memory and pids controllers (the caps that keep
 * one lab from starving the others); v2 wins when its tree has both, as on a unified machine, otherwise v1.
 */
public final class CgroupDrivers {

    private static final List<String> REQUIRED = List.of("memory", "pids");

    private CgroupDrivers() {
    }

    /** The driver for the mounts this JVM sees ({@code /proc/self/mountinfo}). */
    public static CgroupDriver system() {
        ProcFs proc = ProcFs.system();
        long self = ProcessHandle.current().pid();
        MountTable mounts;
        try {
            mounts = proc.mountInfo(self);
        } catch (IOException e) {
            throw CgroupFiles.failure("read", proc.pidDir(self).resolve("mountinfo").toString(), e, Map.of());
        }
        return detect(CgroupLayout.detect(mounts), proc);
    }

    public static CgroupDriver detect(CgroupLayout layout, ProcFs proc) {
        if (layout.unifiedMountPoint().isPresent() && layout.unifiedControllers().containsAll(REQUIRED)) {
            return new CgroupV2Driver(layout, proc);
        }
        List<String> missingV1 = REQUIRED.stream().filter(c -> layout.v1MountOf(c).isEmpty()).toList();
        if (missingV1.isEmpty()) {
            return new CgroupV1Driver(layout, proc);
        }
        List<String> missingV2 = new ArrayList<>(REQUIRED);
        missingV2.removeAll(layout.unifiedControllers());
        throw new KernelException("detect cgroup layout", layout.describe(), "ENOTSUP",
                "Glassbox needs the memory and pids controllers: no v1 hierarchy has " + String.join(", ", missingV1)
                        + (layout.unifiedMountPoint().isPresent()
                                ? " and the cgroup2 tree lacks " + String.join(", ", missingV2)
                                : " and no cgroup2 tree is mounted"));
    }
}
