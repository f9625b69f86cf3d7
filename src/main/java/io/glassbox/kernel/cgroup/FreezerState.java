package io.glassbox.kernel.cgroup;

/** The states of a cgroup's freezer (cgroup-v1/freezer-subsystem.rst; cgroup-v2.rst, cgroup.freeze). */
public enum FreezerState {
    THAWED,
    /** Asked to freeze, but some task has not stopped yet. */
    FREEZING,
    FROZEN
}
