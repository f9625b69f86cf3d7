package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final ClientAddress NO_PROXY = ClientAddress.trusting(List.of());
    private static final ClientAddress BEHIND_PROXY = ClientAddress.trusting(List.of("127.0.0.1", "10.0.0.0/8", "::1"));

    @Test
    void withoutATrustedProxyTheHeaderIsIgnored() {
        assertThat(NO_PROXY.key("127.0.0.1", List.of("198.51.100.7"))).isEqualTo("127.0.0.1");
        assertThat(NO_PROXY.key("203.0.113.5", List.of())).isEqualTo("203.0.113.5");
    }

    @Test
    void aCallerThatIsNotATrustedProxyCannotNameAnotherAddress() {
        assertThat(BEHIND_PROXY.key("203.0.113.5", List.of("198.51.100.7"))).isEqualTo("203.0.113.5");
    }

    @Test
    void throughTrustedProxiesTheFirstUntrustedHopFromTheRightIsTheClient() {
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("198.51.100.7"))).isEqualTo("198.51.100.7");
        // The client wrote a fake first entry; the proxy appended the real one: the real one counts.
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("192.0.2.99, 198.51.100.7"))).isEqualTo("198.51.100.7");
        // Two proxies (an outer one at 10.1.2.3), in one header or two.
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("192.0.2.99, 198.51.100.7, 10.1.2.3"))).isEqualTo("198.51.100.7");
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("198.51.100.7", "10.1.2.3"))).isEqualTo("198.51.100.7");
        assertThat(BEHIND_PROXY.key("::1", List.of("198.51.100.7:4711"))).isEqualTo("198.51.100.7");
    }

    @Test
    void garbageOrNamesInTheHeaderNeverBecomeAKeyNorALookup() {
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("unknown"))).isEqualTo("127.0.0.1");
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("evil.example"))).isEqualTo("127.0.0.1");
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("cafe"))).isEqualTo("127.0.0.1");
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("999.1.1.1"))).isEqualTo("127.0.0.1");
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of(""))).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6CallersAreKeyedByTheirSlash64() {
        assertThat(NO_PROXY.key("2001:db8:1:2:aaaa::1", List.of())).isEqualTo("2001:db8:1:2::/64");
        assertThat(NO_PROXY.key("2001:db8:1:2:bbbb::9", List.of())).isEqualTo("2001:db8:1:2::/64");
        assertThat(BEHIND_PROXY.key("127.0.0.1", List.of("[2001:db8:1:3::5]:443"))).isEqualTo("2001:db8:1:3::/64");
        assertThat(NO_PROXY.key("::ffff:192.0.2.1", List.of())).isEqualTo("192.0.2.1");
    }

    @Test
    void cidrRanges() {
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/8").contains(ClientAddress.literal("10.255.0.1").orElseThrow())).isTrue();
        assertThat(ClientAddress.Cidr.parse("10.0.0.0/8").contains(ClientAddress.literal("11.0.0.1").orElseThrow())).isFalse();
        assertThat(ClientAddress.Cidr.parse("fd00::/8").contains(ClientAddress.literal("fd12::1").orElseThrow())).isTrue();
        assertThat(ClientAddress.Cidr.parse("fd00::/8").contains(ClientAddress.literal("10.0.0.1").orElseThrow())).isFalse();
    }

    @Test
    void aBadTrustedProxySettingSaysWhatIsWrong() {
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("proxy.local")))
                .hasMessageContaining("glassbox.admission.trusted-proxies").hasMessageContaining("proxy.local");
        assertThatThrownBy(() -> ClientAddress.trusting(List.of("10.0.0.0/33"))).hasMessageContaining("0 to 32");
    }
}
