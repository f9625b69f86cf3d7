/**
 * Read-side facades over the Linux kernel: {@code /proc}, namespaces, the mount table and cgroups.
 *
 * <p>A container is not a thing the kernel knows about. It is an ordinary process that sits in its own
 * set of namespaces (what it can see) and cgroups (what it may use), with its own root filesystem. Everything
 * Glassbox teaches can therefore be observed from outside by reading files the kernel publishes:
 * {@code /proc/<pid>/ns/*} says which namespaces a process is in, {@code /proc/<pid>/mountinfo} what it has
 * mounted, {@code /proc/<pid>/cgroup} which cgroups hold it. The classes here read those files and nothing
 * else; they never change the kernel state of the server itself. Every facade takes a root path so that tests
 * can point it at a fixture tree instead of the real {@code /proc} or {@code /sys}.
 *
 * <p>This package depends on nothing but the JDK.
 */
package io.glassbox.kernel;
