/**
 * The only package that starts processes: commands such as {@code unshare}, {@code nsenter}, {@code ip} and
 * {@code mount}, shells on pseudo-terminals, and the start-up probe of what this machine's kernel can do.
 *
 * <p>A JVM runs many threads, and {@code setns(2)} or {@code unshare(2)} would move only the calling one, so
 * Glassbox never changes its own namespaces, root or cgroup (one exception: a thread of
 * {@link io.glassbox.host.NeighbourDump}'s own joins a lab's network namespace for the moment it takes to open a
 * netlink socket there). Every change to kernel state happens in a child process running the same tools a
 * learner types ({@code man 1 unshare}, {@code man 8 ip}), which also keeps what the server does readable as a
 * list of commands. Children start with a clean environment and no
 * inherited file descriptors, so nothing of the server leaks into a lab host.
 */
package io.glassbox.host;
