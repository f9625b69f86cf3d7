package io.glassbox.sandbox;

import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a lab host owns on the machine, written to the data dir before anything is created so that a server
 * killed at any moment can be cleaned up on its next start.
 *
 * @param cgroup the session cgroup's directory per controller (the lab host's delegated cgroup is inside it)
 * @param outerPid the host-side {@code unshare} process whose death takes the whole lab host with it; 0 until started
 * @param initPid the lab host's PID 1 as seen from the machine; 0 until started
 */
public record LabState(String id, int slot, String hostname, IsolationMode isolation, long uidBase,
        Map<String, String> cgroup, LabUplink uplink, long outerPid, long outerStartTime, long initPid,
        long initStartTime, Instant created) {

    public static Map<String, String> encode(CgroupNode node) {
        Map<String, String> result = new TreeMap<>();
        node.directories().forEach((controller, dir) -> result.put(controller.name(), dir.toString()));
        return result;
    }

    public CgroupNode cgroupNode() {
        Map<Controller, Path> directories = new EnumMap<>(Controller.class);
        cgroup.forEach((controller, dir) -> directories.put(Controller.valueOf(controller), Path.of(dir)));
        return new CgroupNode(directories);
    }

    public LabState withProcesses(long outerPid, long outerStartTime, long initPid, long initStartTime) {
        return new LabState(id, slot, hostname, isolation, uidBase, cgroup, uplink, outerPid, outerStartTime, initPid,
                initStartTime, created);
    }
}
