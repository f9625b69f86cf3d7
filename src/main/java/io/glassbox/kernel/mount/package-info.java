/**
 * The mount table of a process, as the kernel publishes it in {@code /proc/<pid>/mountinfo} (man 5 proc).
 *
 * <p>Each mount namespace has its own table. A container's root filesystem, its private {@code /proc}, an
 * overlay of image layers and a bind-mounted volume are all rows in its table, and the propagation field
 * says whether a mount made here shows up in other namespaces too (man 7 mount_namespaces).
 */
package io.glassbox.kernel.mount;
