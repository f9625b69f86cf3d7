package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Parsing iproute2 6.1's JSON. The fixtures were printed by {@code ip -j -d addr show} and {@code ip -j route show}
 * in a throwaway network namespace: lo up; br0 (10.0.0.1/24, up, no carrier); v0 on br0, up, whose peer v1 was
 * moved to another namespace; v2/v3 a veth pair with both ends here, down.
 */
class IpJsonTest {

    @Test
    void interfacesWithKindFlagsBridgeAndPeer() throws IOException {
        List<IpLink> links = IpJson.links(fixture("ip-addr-bridge.json"));
        assertThat(links).extracting(IpLink::name).containsExactly("lo", "v0", "br0", "v3", "v2");
        IpLink lo = links.get(0);
        assertThat(lo.kind()).isEqualTo("loopback");
        assertThat(lo.up()).isTrue();
        assertThat(lo.addresses()).containsExactly("127.0.0.1/8", "::1/128");
        assertThat(lo.ipv4Addresses()).containsExactly("127.0.0.1/8");

        IpLink v0 = links.get(1);
        assertThat(v0.kind()).isEqualTo("veth");
        assertThat(v0.master()).isEqualTo("br0");
        assertThat(v0.peerInOtherNamespace()).isTrue();
        // The peer is away, so the carrier is down: operstate says so, but the link is administratively up.
        assertThat(v0.operstate()).isEqualTo("LOWERLAYERDOWN");
        assertThat(v0.up()).isTrue();

        IpLink br0 = links.get(2);
        assertThat(br0.kind()).isEqualTo("bridge");
        assertThat(br0.addresses()).containsExactly("10.0.0.1/24");
        assertThat(br0.master()).isNull();

        IpLink v3 = links.get(3);
        assertThat(v3.peerInOtherNamespace()).isFalse();
        assertThat(v3.up()).isFalse();
        assertThat(v3.addresses()).isEmpty();
    }

    @Test
    void routesWithGatewaysAndHostRoutes() throws IOException {
        List<IpRoute> routes = IpJson.routes(fixture("ip-route.json"));
        assertThat(routes).containsExactly(new IpRoute("default", "10.0.0.254", "br0"),
                new IpRoute("10.0.0.0/24", null, "br0"), new IpRoute("10.9.9.9", null, "br0"));
        assertThat(routes.get(0)).hasToString("default via 10.0.0.254 dev br0");
    }

    @Test
    void emptyOutputIsNoInterfacesAndGarbageIsAnError() {
        assertThat(IpJson.links("")).isEmpty();
        assertThat(IpJson.routes("[]\n")).isEmpty();
        assertThatThrownBy(() -> IpJson.links("Error: Unknown device type.")).hasMessageContaining("not JSON");
        assertThatThrownBy(() -> IpJson.routes("{}")).hasMessageContaining("not a list");
    }

    static String fixture(String name) throws IOException {
        try (InputStream in = IpJsonTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
