package io.glassbox.sandbox;

import java.util.List;

/**
 * The outside network's door, as the iptables rules and sysctls of its namespace. A learner is root in its
 * own lab host and controls every byte it sends, so everything here is enforced on the outside's side of the
 * uplinks, where the lab cannot reach it:
 *
 * <ul>
 *   <li><b>No forged sources.</b> A packet is accepted only from an address the outside would route back
 *       through the link it arrived on, that is the lab's own /30: the {@code rpfilter} match in the raw
 *       table (iptables-extensions(8)) drops anything else before connection tracking sees it, so a spoofed
 *       flood allocates nothing; strict {@code rp_filter=1} on every link (ip-sysctl.rst) says the same
 *       again in the kernel's routing, for any packet the rules would let through.</li>
 *   <li><b>A share of the connection-tracking table per lab.</b> That table belongs to the outside's
 *       namespace, is charged to no cgroup (measured: 20,000 entries, 5 MB of slab, cost the flooding
 *       cgroup 76 KB) and its size, nf_conntrack_max, is the machine's own (read-only inside a namespace on
 *       kernel 6.18). So per lab, counted by its /30: at most {@link #CONNECTIONS_PER_LAB} tracked
 *       connections at once ({@code connlimit}), at most {@link #NEW_PER_SECOND} new ones a second after a
 *       burst of {@link #NEW_BURST} ({@code hashlimit}), and closed TCP connections (which connlimit no
 *       longer counts) leave the table after {@link #TIME_WAIT_SECONDS} s instead of 120. A lab can thus
 *       hold at most about {@link #CONNECTIONS_PER_LAB} + {@link #NEW_BURST} + {@link #NEW_PER_SECOND} x
 *       {@link #TIME_WAIT_SECONDS} entries, whatever it sends.</li>
 *   <li><b>A share of the web server per lab.</b> At most {@link #WEB_CONNECTIONS_PER_LAB} connections to
 *       port 80 at once; busybox httpd forks one process per connection and has no limit of its own.</li>
 *   <li><b>Nothing to count.</b> A lab may reach the web service (198.18.0.1) and ping its own gateway
 *       address; the other labs' gateway addresses, local to the outside too, never answer, so which /30s
 *       are in use cannot be learnt.</li>
 * </ul>
 *
 * <p>Rules are generic (no rule per lab host): nothing to add on attach, nothing to leave behind on detach.
 * A refused TCP connection gets a reset (the learner sees "Connection refused", not a hang).
 */
public final class OutsideFirewall {

    /** Tracked connections one lab host may have open in the outside at once (TCP not yet closed, pings). */
    public static final int CONNECTIONS_PER_LAB = 16;
    /** Of those, connections to the web server at once: each is one httpd process. */
    public static final int WEB_CONNECTIONS_PER_LAB = 8;
    /** New connections a lab host may open per second, once its burst is used. */
    public static final int NEW_PER_SECOND = 20;
    public static final int NEW_BURST = 100;
    /** How long a closed TCP connection stays in the outside's table (the kernel's default is 120 s). */
    public static final int TIME_WAIT_SECONDS = 10;

    private OutsideFirewall() {
    }

    /** The rules, for iptables-restore in the outside namespace. */
    static String rules(String internetAddress) {
        String lab = " --connlimit-mask 30 --connlimit-saddr";
        // Limits apply to a connection's first packet only: a retransmitted SYN belongs to a connection already
        // counted (ctstatus CONFIRMED) and must not be refused for it.
        String first = " -m conntrack --ctstate NEW ! --ctstatus CONFIRMED";
        return String.join("\n",
                "*raw",
                ":PREROUTING ACCEPT [0:0]",
                ":OUTPUT ACCEPT [0:0]",
                "-A PREROUTING -m rpfilter --invert -j DROP",
                "COMMIT",
                "*filter",
                ":INPUT DROP [0:0]",
                ":FORWARD DROP [0:0]",
                ":OUTPUT ACCEPT [0:0]",
                ":glassbox-refuse - [0:0]",
                "-A INPUT -i lo -j ACCEPT",
                "-A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT",
                "-A INPUT -m conntrack ! --ctstate NEW -j DROP",
                "-A INPUT" + first + " -m hashlimit --hashlimit-above " + NEW_PER_SECOND + "/sec --hashlimit-burst "
                        + NEW_BURST + " --hashlimit-mode srcip --hashlimit-srcmask 30 --hashlimit-name glassbox-new -j DROP",
                "-A INPUT" + first + " -p tcp --dport 80 -m connlimit --connlimit-above " + WEB_CONNECTIONS_PER_LAB + lab
                        + " -j glassbox-refuse",
                "-A INPUT" + first + " -m connlimit --connlimit-above " + CONNECTIONS_PER_LAB + lab + " -j glassbox-refuse",
                "-A INPUT -d " + internetAddress + "/32 -p tcp --dport 80 -j ACCEPT",
                "-A INPUT -d " + internetAddress + "/32 -p icmp --icmp-type echo-request -j ACCEPT",
                // Its own gateway only: a local address of the very link the ping came in on.
                "-A INPUT -p icmp --icmp-type echo-request -m addrtype --dst-type LOCAL --limit-iface-in -j ACCEPT",
                "-A glassbox-refuse -p tcp -j REJECT --reject-with tcp-reset",
                "-A glassbox-refuse -j DROP",
                "COMMIT",
                "");
    }

    /**
     * The namespace's sysctls, set before any uplink exists ({@code default} is what new links start with).
     * tcp_loose=0: a stray ACK does not start a tracked connection (only a SYN does).
     */
    static List<String> sysctls() {
        return List.of("net.ipv4.conf.all.rp_filter=1", "net.ipv4.conf.default.rp_filter=1",
                "net.netfilter.nf_conntrack_tcp_loose=0",
                "net.netfilter.nf_conntrack_tcp_timeout_time_wait=" + TIME_WAIT_SECONDS);
    }
}
