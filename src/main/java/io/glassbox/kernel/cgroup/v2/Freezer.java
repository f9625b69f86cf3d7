package io.glassbox.kernel.cgroup.v2;

import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.FreezerController;
import io.glassbox.kernel.cgroup.FreezerState;
import java.nio.file.Path;

/**
 * The v2 freezer, core files since Linux 5.2 (cgroup-v2.rst, "cgroup.freeze"): write 1 or 0 to cgroup.freeze;
 * whether every task has stopped shows as {@code frozen 1} in cgroup.events.
 */
public final class Freezer implements FreezerController {

    /** Frozen when cgroup.events says so (also when an ancestor froze it); freezing while it still says 0. */
    @Override
    public FreezerState readState(CgroupNode node) {
        Path dir = node.directory(Controller.FREEZER);
        if (CgroupFiles.readKeyed(dir.resolve("cgroup.events"), "frozen") == 1) {
            return FreezerState.FROZEN;
        }
        return CgroupFiles.readLong(dir.resolve("cgroup.freeze")) == 1 ? FreezerState.FREEZING : FreezerState.THAWED;
    }

    @Override
    public void freeze(CgroupNode node) {
        CgroupFiles.write(file(node), "1");
    }

    @Override
    public void thaw(CgroupNode node) {
        CgroupFiles.write(file(node), "0");
    }

    private static Path file(CgroupNode node) {
        return node.directory(Controller.FREEZER).resolve("cgroup.freeze");
    }
}
