package io.glassbox.lesson.check;

import java.util.List;

/**
 * A network interface as {@code ip -j -d addr show} describes it (iproute2).
 *
 * @param kind veth, bridge, dummy, ... ({@code linkinfo.info_kind}); "loopback" for lo, which has no kind
 * @param up the administrative UP flag ({@code ip link set X up}); a veth whose peer is down still has it,
 *           though its operstate reads LOWERLAYERDOWN
 * @param master the bridge it is enslaved to, or null
 * @param peerInOtherNamespace for a veth: its peer lives in another network namespace ({@code link_netnsid})
 * @param addresses "10.0.0.2/24" and IPv6 alike
 */
public record IpLink(String name, String kind, boolean up, String operstate, String master,
        boolean peerInOtherNamespace, List<String> addresses) {

    /** The IPv4 addresses only: lessons configure IPv4, and every interface gets an IPv6 link-local one. */
    public List<String> ipv4Addresses() {
        return addresses.stream().filter(a -> !a.contains(":")).toList();
    }
}
