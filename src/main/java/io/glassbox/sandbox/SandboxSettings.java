package io.glassbox.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What every lab host gets, resolved from configuration before any lab host is created.
 *
 * @param dataDir where images, the lab template and crash-recovery state live
 * @param isolation the isolation mode already chosen (never "auto" here)
 * @param memoryMaxBytes hard memory cap of a lab host, tmpfs pages included
 * @param pidsMax hard cap on the number of tasks (processes and threads) of a lab host
 * @param cpus CPU bandwidth cap in CPUs (1.0 = one full core)
 * @param diskBytes size of the writable root (/root, /tmp, /home, /var, /etc, /images)
 * @param shmBytes size of /dev/shm
 * @param uidBase first host uid of the first lab host's range in userns mode; each slot takes 65536
 * @param startTimeout how long a lab host may take to become ready
 * @param limits how many namespaces and other counted kernel objects a lab host may create
 */
public record SandboxSettings(Path dataDir, IsolationMode isolation, long memoryMaxBytes, long pidsMax, double cpus,
        long diskBytes, long shmBytes, long uidBase, Duration startTimeout, LabLimits limits) {

    /** uids per lab host: a full 16-bit range, so tools like useradd behave as on a normal machine. */
    public static final long UIDS_PER_LAB = 65536;

    public SandboxSettings {
        if (memoryMaxBytes < 16L << 20) {
            throw new IllegalArgumentException("lab host memory cap must be at least 16 MiB, got " + memoryMaxBytes);
        }
        if (pidsMax < 16) {
            throw new IllegalArgumentException("lab host pids cap must be at least 16, got " + pidsMax);
        }
        if (cpus <= 0) {
            throw new IllegalArgumentException("lab host CPU cap must be positive, got " + cpus);
        }
        if (uidBase < UIDS_PER_LAB) {
            throw new IllegalArgumentException("uid base must leave the machine's own users alone (>= 65536), got " + uidBase);
        }
        // Otherwise the server would start and refuse every session with "all -N lab host slots are in use".
        if (uidBase > Integer.MAX_VALUE - UIDS_PER_LAB) {
            throw new IllegalArgumentException("uid base must leave room below 2^31 for at least one lab host's "
                    + UIDS_PER_LAB + " uids (<= " + (Integer.MAX_VALUE - UIDS_PER_LAB) + "), got " + uidBase);
        }
    }

    public static SandboxSettings defaults(Path dataDir, IsolationMode isolation) {
        return new SandboxSettings(dataDir, isolation, 512L << 20, 512, 1.0, 256L << 20, 64L << 20, 1_000_000_000L,
                Duration.ofSeconds(20), new LabLimits(16, 2048));
    }

    /** The largest number of lab hosts whose uid ranges still fit below 2^31. */
    public int maxSlots() {
        return (int) Math.min(16384, (Integer.MAX_VALUE - uidBase) / UIDS_PER_LAB);
    }
}
