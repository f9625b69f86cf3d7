package io.glassbox.kernel.cgroup;

/**
 * CPU use of a cgroup and its descendants, in microseconds whatever the kernel file's unit.
 *
 * @param periods enforcement periods that elapsed while the group had runnable tasks
 * @param throttledPeriods periods in which the group used up its quota and was stopped
 */
public record CpuStats(long usageMicros, long periods, long throttledPeriods, long throttledMicros) {
}
