package io.glassbox.web;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which address an anonymous caller is, for per-address admission. The TCP peer, unless that peer is a
 * configured trusted proxy ({@code glassbox.admission.trusted-proxies}); then X-Forwarded-For is read from the
 * right, hop by hop, while the hop it came from is trusted, and the first untrusted hop is the client. The
 * leftmost entry is never taken on trust: a client writes whatever it likes there, and a proxy appends (this is
 * also why Quarkus's own {@code quarkus.http.proxy.*}, which takes the first entry, is not used for this).
 *
 * <p>IPv6 callers are keyed by their /64: one subscriber normally holds a whole /64 (RFC 6177) and could
 * otherwise take a fresh address for every request.
 */
final class ClientAddress {

    /**
     * Only these make an IP literal; anything else is refused before InetAddress sees it, which would look a name
     * up in DNS: a dotted quad, or hex digits with colons (Java parses a text with a colon as IPv6, never a name).
     */
    private static final String OCTET = "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Pattern.compile("(" + OCTET + "\\.){3}" + OCTET);
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final List<Cidr> trusted;

    private ClientAddress(List<Cidr> trusted) {
        this.trusted = trusted;
    }

    /** From {@code glassbox.admission.trusted-proxies}: addresses or CIDR ranges (127.0.0.1, 10.0.0.0/8, ::1). */
    static ClientAddress trusting(List<String> proxies) {
        List<Cidr> ranges = new ArrayList<>();
        for (String proxy : proxies) {
            ranges.add(Cidr.parse(proxy.strip()));
        }
        return new ClientAddress(List.copyOf(ranges));
    }

    /**
     * The admission key of a request from {@code peer} (the TCP peer's address) carrying {@code forwardedFor}
     * (every X-Forwarded-For header, in order; may be empty).
     */
    String key(String peer, List<String> forwardedFor) {
        InetAddress client = literal(peer).orElse(null);
        if (client == null) {
            return "unknown:" + peer; // a Unix socket or the like: one shared key, never a pass
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            hops.addAll(Arrays.asList(header.split(",")));
        }
        for (int i = hops.size() - 1; i >= 0 && isTrusted(client); i--) {
            Optional<InetAddress> hop = literal(hops.get(i));
            if (hop.isEmpty()) {
                break; // garbage from a client: the last trusted hop stands for it
            }
            client = hop.get();
        }
        return keyOf(client);
    }

    private boolean isTrusted(InetAddress address) {
        return trusted.stream().anyMatch(range -> range.contains(address));
    }

    /** IPv4 as is; IPv6 as its /64. */
    static String keyOf(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] bytes = address.getAddress();
            StringBuilder key = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
            }
            return key.append(":/64").toString();
        }
        return address.getHostAddress();
    }

    /** An IP literal, with an optional port ("1.2.3.4:80", "[::1]:80"); never a name lookup. */
    static Optional<InetAddress> literal(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.strip();
        if (candidate.startsWith("[")) {
            int close = candidate.indexOf(']');
            candidate = close < 0 ? "" : candidate.substring(1, close);
        } else if (candidate.indexOf(':') == candidate.lastIndexOf(':') && candidate.indexOf(':') > 0) {
            candidate = candidate.substring(0, candidate.indexOf(':')); // IPv4 with a port
        }
        boolean ip = candidate.contains(":") ? IPV6.matcher(candidate).matches() : IPV4.matcher(candidate).matches();
        if (!ip) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** An address range: an address and how many leading bits must match. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash)).orElseThrow(() ->
                    new IllegalArgumentException("glassbox.admission.trusted-proxies: \"" + text + "\" is not an IP"
                            + " address or CIDR range (e.g. 127.0.0.1, 10.0.0.0/8, ::1)"));
            int max = address instanceof Inet4Address ? 32 : 128;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("glassbox.admission.trusted-proxies: \"" + text + "\" needs a"
                        + " prefix length from 0 to " + max);
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < bits; bit++) {
                int mask = 0x80 >> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
