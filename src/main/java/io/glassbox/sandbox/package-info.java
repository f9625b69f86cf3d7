/**
 * Lab hosts: one isolated, disposable Linux machine per learner, built from namespaces and cgroups.
 *
 * <p>A lab host is what a container runtime would call a container, used here as the learner's "machine":
 * its own user namespace (root inside, an unprivileged uid range outside), mount, PID, UTS, IPC, network and
 * cgroup namespaces; a tmpfs root with the host's {@code /usr} read-only, a generated {@code /etc} and a few
 * images under {@code /images}; a cgroup with hard caps that the learner may subdivide; and a veth uplink to
 * a network namespace that plays "the internet". Inside it, the learner builds containers of their own with
 * the same primitives. Everything a lab host owns lives in its namespaces and cgroup, so tearing it down is
 * killing its processes and removing its cgroup.
 */
package io.glassbox.sandbox;
