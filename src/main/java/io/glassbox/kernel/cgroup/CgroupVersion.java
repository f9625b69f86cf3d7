package io.glassbox.kernel.cgroup;

/** The two cgroup interfaces of the kernel (man 7 cgroups, "CGROUPS VERSION 1 AND VERSION 2"). */
public enum CgroupVersion {
    /** One hierarchy per controller (or per set of co-mounted controllers), filesystem type {@code cgroup}. */
    V1,
    /** A single unified hierarchy, filesystem type {@code cgroup2}. */
    V2
}
