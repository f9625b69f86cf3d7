package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * Counts the neighbour entries (ARP and NDP, every state, and proxy entries) of network namespaces, as
 * {@code ip -o neigh show nud all; ip -o neigh show proxy} would, with one rtnetlink dump per namespace and
 * no process: a netlink socket belongs to the network namespace it was created in (man 7 netlink), so a
 * thread of its own joins the namespace with setns(2), opens the socket, and returns to the server's
 * namespace before it reads anything.
 *
 * <p>This is the one place the server changes a namespace of its own, and only of that thread: setns with
 * CLONE_NEWNET moves the calling thread alone, the thread does nothing else, and it ends after the batch. If it
 * cannot return to the server's namespace it stops at once, so it never opens anything else, and the caller gets
 * an {@link IllegalStateException} (the next count starts a fresh thread in the server's namespace).
 * The cost it replaces: {@code nsenter}, {@code sh}, two {@code ip} and {@code wc} per namespace, about a
 * thousand process starts in a burst every check with 200 lab hosts, on the CPUs the learners' shells need
 * (docs/benchmarks.md, "Capacity": echo p99 with 10 to 50 of 200 typing 11-19 ms with it, 4-29 ms without).
 */
public final class NeighbourDump {

    private static final int CLONE_NEWNET = 0x40000000;
    private static final int AF_NETLINK = 16;
    private static final int SOCK_RAW = 3;
    private static final int SOCK_CLOEXEC = 0x80000;
    private static final int NETLINK_ROUTE = 0;
    private static final short RTM_NEWNEIGH = 28;
    private static final short RTM_GETNEIGH = 30;
    private static final short NLMSG_ERROR = 2;
    private static final short NLMSG_DONE = 3;
    private static final short NLM_F_REQUEST = 0x1;
    private static final short NLM_F_DUMP = 0x300;
    private static final byte NTF_PROXY = 0x08;
    /** struct nlmsghdr (16 bytes) and struct ndmsg (12). */
    private static final int REQUEST_SIZE = 28;
    /** Larger than any dump message the kernel builds (at most 32 KiB, net/netlink/af_netlink.c). */
    private static final int RECEIVE_SIZE = 64 * 1024;

    private NeighbourDump() {
    }

    /**
     * The entries of each namespace (a path that opens it: /proc/PID/ns/net, an nsfs bind mount, a descriptor
     * under /proc/PID/fd), in order; -1 for one that could not be opened or joined (gone meanwhile).
     */
    public static List<Long> count(List<Path> namespaces) {
        CompletableFuture<List<Long>> counts = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                counts.complete(countHere(namespaces));
            } catch (Throwable e) {
                counts.completeExceptionally(e);
            }
        }, "glassbox-neighbour-dump");
        thread.setDaemon(true);
        thread.start();
        try {
            return counts.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while counting neighbour entries", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("counting neighbour entries failed: " + e.getCause().getMessage(),
                    e.getCause());
        }
    }

    private static List<Long> countHere(List<Path> namespaces) {
        int own = C.open("/proc/thread-self/ns/net", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (own < 0) {
            throw new IllegalStateException("open /proc/thread-self/ns/net: " + Libc.describe(Libc.errno()));
        }
        try {
            List<Long> counts = new ArrayList<>(namespaces.size());
            byte[] buffer = new byte[RECEIVE_SIZE];
            for (Path namespace : namespaces) {
                int socket = socketIn(namespace, own);
                if (socket < 0) {
                    counts.add(-1L);
                    continue;
                }
                try {
                    counts.add(dump(socket, (byte) 0, buffer) + dump(socket, NTF_PROXY, buffer));
                } catch (IOException e) {
                    counts.add(-1L);
                } finally {
                    C.close(socket);
                }
            }
            return counts;
        } finally {
            C.close(own);
        }
    }

    /** A route netlink socket of the namespace at {@code path}, or -1; the thread is back in {@code own} after. */
    private static int socketIn(Path path, int own) {
        int target = C.open(path.toString(), Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
        if (target < 0) {
            return -1;
        }
        try {
            if (C.setns(target, CLONE_NEWNET) < 0) {
                return -1;
            }
            int socket = C.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
            if (C.setns(own, CLONE_NEWNET) < 0) {
                throw new IllegalStateException("glassbox-neighbour-dump could not return to the server's network"
                        + " namespace from " + path + ": " + Libc.describe(Libc.errno()) + "; the thread stops");
            }
            return socket;
        } finally {
            C.close(target);
        }
    }

    /** Sends one RTM_GETNEIGH dump request and counts the RTM_NEWNEIGH messages of its answer. */
    private static long dump(int socket, byte flags, byte[] buffer) throws IOException {
        ByteBuffer request = ByteBuffer.allocate(REQUEST_SIZE).order(ByteOrder.nativeOrder());
        request.putInt(REQUEST_SIZE).putShort(RTM_GETNEIGH).putShort((short) (NLM_F_REQUEST | NLM_F_DUMP))
                .putInt(1).putInt(0);
        request.put((byte) 0).put((byte) 0).putShort((short) 0).putInt(0).putShort((short) 0).put(flags)
                .put((byte) 0);
        if (C.send(socket, request.array(), REQUEST_SIZE, 0) != REQUEST_SIZE) {
            throw new IOException("send RTM_GETNEIGH: " + Libc.describe(Libc.errno()));
        }
        long entries = 0;
        while (true) {
            long received = C.recv(socket, buffer, buffer.length, 0);
            if (received < 0) {
                if (Libc.retry(Libc.errno())) {
                    continue;
                }
                throw new IOException("recv: " + Libc.describe(Libc.errno()));
            }
            ByteBuffer answer = ByteBuffer.wrap(buffer, 0, (int) received).order(ByteOrder.nativeOrder());
            int offset = 0;
            while (offset + 16 <= received) {
                int length = answer.getInt(offset);
                short type = answer.getShort(offset + 4);
                if (type == NLMSG_DONE) {
                    return entries;
                }
                if (type == NLMSG_ERROR) {
                    throw new IOException("RTM_GETNEIGH: errno " + -answer.getInt(offset + 16));
                }
                if (type == RTM_NEWNEIGH) {
                    entries++;
                }
                if (length < 16) {
                    throw new IOException("a netlink message of " + length + " bytes");
                }
                offset += (length + 3) & ~3;
            }
        }
    }
}
