package io.glassbox.session;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Session (and lab host) ids. On a single server an id is 128 random bits in hex. On one node of several
 * (docs/scaling.md) it is followed by {@code -<node>}, so that a load balancer can send every request about the
 * session, its terminal WebSockets and an instructor's watch link included, to the node that holds its lab host,
 * by the path alone ({@code /api/sessions/<hex>-<node>/...}) and without asking any server. The random part comes
 * first: a lab host's hostname is made of the id's first characters, and must differ between lab hosts of a node.
 */
public final class SessionIds {

    /** A node id: a DNS label of at most 31 characters (a StatefulSet pod name such as {@code glassbox-2} fits). */
    public static final Pattern NODE = Pattern.compile("[a-z0-9]([a-z0-9-]{0,29}[a-z0-9])?");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String node;

    private SessionIds(String node) {
        this.node = node;
    }

    /** Ids of a server that is not one node of several: random hex alone, as always. */
    public static SessionIds single() {
        return new SessionIds(null);
    }

    /** Ids of node {@code node}; rejects a name a path-routing rule could not tell apart from the random part. */
    public static SessionIds forNode(String node) {
        if (node == null || !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("glassbox.node.id is '" + node + "', but a node id must be 1-31 lowercase"
                    + " letters, digits and '-', starting and ending with a letter or digit");
        }
        return new SessionIds(node);
    }

    /** {@link #forNode} when {@code node} is set, else {@link #single}. */
    public static SessionIds of(Optional<String> node) {
        return node.map(SessionIds::forNode).orElseGet(SessionIds::single);
    }

    /** A new id: 32 hex digits, then {@code -<node>} on a node. Safe in paths, cgroup names and file names. */
    public String next() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String random = HexFormat.of().formatHex(bytes);
        return node == null ? random : random + "-" + node;
    }

    /** This server's node id, if it is one node of several. */
    public Optional<String> node() {
        return Optional.ofNullable(node);
    }

    /** The node a session id names, if any: what the balancer routes on. */
    public static Optional<String> nodeOf(String sessionId) {
        if (sessionId == null || sessionId.length() < 34 || sessionId.charAt(32) != '-') {
            return Optional.empty();
        }
        String node = sessionId.substring(33);
        return NODE.matcher(node).matches() ? Optional.of(node) : Optional.empty();
    }
}
