package io.glassbox.kernel.cgroup;

import java.util.OptionalLong;

/**
 * A CFS bandwidth limit: the group may run {@code quotaMicros} of CPU time in every {@code periodMicros}
 * (kernel Documentation/scheduler/sched-bwc.rst). 50 000 of 100 000 is half a CPU; 200 000 of 100 000 is two.
 *
 * @param quotaMicros empty when unlimited
 */
public record CpuQuota(OptionalLong quotaMicros, long periodMicros) {

    /** The kernel's default period, 100 ms. */
    public static final long DEFAULT_PERIOD_MICROS = 100_000;

    public CpuQuota {
        if (periodMicros <= 0) {
            throw new IllegalArgumentException("cpu period must be positive: " + periodMicros);
        }
        if (quotaMicros.isPresent() && quotaMicros.getAsLong() <= 0) {
            throw new IllegalArgumentException("cpu quota must be positive: " + quotaMicros.getAsLong());
        }
    }

    public static CpuQuota unlimited() {
        return new CpuQuota(OptionalLong.empty(), DEFAULT_PERIOD_MICROS);
    }

    /** {@code cpus} CPUs' worth of time per default period, e.g. 0.5. */
    public static CpuQuota ofCpus(double cpus) {
        return new CpuQuota(OptionalLong.of(Math.round(cpus * DEFAULT_PERIOD_MICROS)), DEFAULT_PERIOD_MICROS);
    }

    /** How many CPUs' worth of time the group may use; positive infinity when unlimited. */
    public double cpus() {
        return quotaMicros.isPresent() ? (double) quotaMicros.getAsLong() / periodMicros : Double.POSITIVE_INFINITY;
    }
}
