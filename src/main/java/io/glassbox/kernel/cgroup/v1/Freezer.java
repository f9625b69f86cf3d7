package io.glassbox.kernel.cgroup.v1;

import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.cgroup.CgroupFiles;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.FreezerController;
import io.glassbox.kernel.cgroup.FreezerState;
import java.nio.file.Path;

/**
 * The v1 freezer (kernel Documentation/admin-guide/cgroup-v1/freezer-subsystem.rst): freezer.state reads
 * THAWED, FREEZING or FROZEN, and takes FROZEN or THAWED. A SIGKILL to a frozen task waits for the thaw.
 */
public final class Freezer implements FreezerController {

    @Override
    public FreezerState readState(CgroupNode node) {
        Path file = file(node);
        String text = CgroupFiles.read(file);
        try {
            return FreezerState.valueOf(text);
        } catch (IllegalArgumentException e) {
            throw new KernelException("parse", file + ": '" + text + "'", "unknown freezer state",
                    "expected THAWED, FREEZING or FROZEN", e);
        }
    }

    @Override
    public void freeze(CgroupNode node) {
        CgroupFiles.write(file(node), "FROZEN");
    }

    @Override
    public void thaw(CgroupNode node) {
        CgroupFiles.write(file(node), "THAWED");
    }

    private static Path file(CgroupNode node) {
        return node.directory(Controller.FREEZER).resolve("freezer.state");
    }
}
