package io.glassbox.lesson.check;

/**
 * A route as {@code ip -j route show} describes it (iproute2).
 *
 * @param destination "default" or a prefix; a host route is printed without "/32" and kept so
 * @param gateway the "via" address, or null for a directly connected network
 */
public record IpRoute(String destination, String gateway, String dev) {

    /** As ip route prints it: {@code default via 198.19.0.1 dev eth0}. */
    @Override
    public String toString() {
        return destination + (gateway == null ? "" : " via " + gateway) + (dev == null ? "" : " dev " + dev);
    }
}
