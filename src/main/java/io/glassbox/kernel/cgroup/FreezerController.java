package io.glassbox.kernel.cgroup;

/**
 * Stops and resumes every task of a group at once. On v1 a frozen task cannot even die (a SIGKILL takes effect
 * on thaw; v2 lets fatal signals through), so teardown thaws before it kills.
 */
public interface FreezerController {

    FreezerState readState(CgroupNode node);

    /** Asks the kernel to freeze; it returns at once and the state passes through FREEZING. */
    void freeze(CgroupNode node);

    void thaw(CgroupNode node);
}
