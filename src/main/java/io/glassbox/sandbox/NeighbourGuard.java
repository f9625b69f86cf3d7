package io.glassbox.sandbox;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * Keeps every lab host within {@link NeighbourCount#LAB_MAX} neighbour entries, which the kernel cannot do (see
 * {@link NeighbourTable}): the session registry ends the lab hosts {@link #overLimit} names, at each periodic
 * check and also as soon as {@link #grew} sees the machine's tables jump. The jump check is two small reads of
 * /proc/net/stat, cheap enough for every second; it matters because a learner adds some 180,000 permanent
 * entries a second (measured with {@code ip -batch}), each 538 B of kernel memory no cgroup pays for.
 */
public final class NeighbourGuard {

    private static final Logger LOG = Logger.getLogger(NeighbourGuard.class);

    private final NeighbourTable table;
    private final NeighbourCount count;
    private final Function<LabHost, Collection<Long>> processes;
    private long baseline;

    public NeighbourGuard(NeighbourTable table, NeighbourCount count, Function<LabHost, Collection<Long>> processes) {
        this.table = table;
        this.count = count;
        this.processes = processes;
        this.baseline = table.entries();
    }

    /** Counts the lab hosts of {@code sandbox}: their processes are those of their session cgroups. */
    public static NeighbourGuard of(Sandbox sandbox) {
        return new NeighbourGuard(NeighbourTable.system(), NeighbourCount.system(),
                host -> sandbox.cgroups().processes(host.cgroup()));
    }

    /**
     * Makes room in the machine's tables for {@code labs} lab hosts at their limit (see
     * {@link NeighbourTable#makeRoom}); where it cannot (not root, read-only /proc/sys), says so and carries on:
     * the per-lab limit still holds, but many full labs together could then crowd the machine's own entries.
     */
    public void makeRoom(int labs) {
        try {
            List<String> changed = table.makeRoom(labs, NeighbourCount.LAB_MAX);
            if (!changed.isEmpty()) {
                LOG.infof("raised the machine's neighbour table thresholds so %d lab hosts of %d entries each fit: %s",
                        labs, NeighbourCount.LAB_MAX, String.join(", ", changed));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("cannot raise net.ipv4/ipv6.neigh.default.gc_thresh2/3 for %d lab hosts (%s); set them by hand to"
                    + " at least %d and %d plus %d per lab host", labs, e.getMessage(), NeighbourTable.HOST_THRESH2,
                    NeighbourTable.HOST_THRESH3, NeighbourCount.LAB_MAX);
        }
    }

    /** The lab hosts among {@code hosts} holding more than {@link NeighbourCount#LAB_MAX} entries. */
    public synchronized List<LabHost> overLimit(Collection<LabHost> hosts) {
        List<LabHost> labs = List.copyOf(hosts);
        List<Long> counts = count.countEach(labs.stream().map(processes).toList());
        List<LabHost> over = new ArrayList<>();
        for (int i = 0; i < labs.size(); i++) {
            if (counts.get(i) > NeighbourCount.LAB_MAX) {
                over.add(labs.get(i));
            }
        }
        baseline = table.entries();
        return over;
    }

    /**
     * Whether the machine's tables hold more than one lab's limit above what they held at the last count (or
     * since, at the least): then some lab may be over its limit now, and waiting for the next periodic check
     * would let it grow unpaid for seconds.
     */
    public synchronized boolean grew() {
        long now = table.entries();
        baseline = Math.min(baseline, now);
        return now > baseline + NeighbourCount.LAB_MAX;
    }
}
