package io.glassbox.kernel.cgroup.v1;

import io.glassbox.kernel.cgroup.CgroupFixture;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/** A v1 cgroup "lab" in separate hierarchies under a temporary /sys/fs/cgroup, as on this machine. */
final class V1Fixture {

    private V1Fixture() {
    }

    static CgroupNode lab(Path root) {
        Map<Controller, Path> dirs = new EnumMap<>(Controller.class);
        for (Controller controller : Controller.values()) {
            dirs.put(controller, root.resolve("sys/fs/cgroup").resolve(controller.v1Name()).resolve("lab"));
        }
        CgroupNode node = new CgroupNode(dirs);
        CgroupFixture.populateV1(node);
        return node;
    }

    static Path file(CgroupNode node, Controller controller, String name) {
        return node.directory(controller).resolve(name);
    }
}
