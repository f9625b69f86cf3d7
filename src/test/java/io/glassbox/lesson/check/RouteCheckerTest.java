package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec.RouteCheck;
import org.junit.jupiter.api.Test;

class RouteCheckerTest {

    @Test
    void destinationsAsIpPrintsThem() {
        assertThat(RouteChecker.sameDestination("default", "default")).isTrue();
        assertThat(RouteChecker.sameDestination("default", "0.0.0.0/0")).isTrue();
        assertThat(RouteChecker.sameDestination("10.9.9.9", "10.9.9.9/32")).isTrue();
        assertThat(RouteChecker.sameDestination("10.0.0.0/24", "10.0.0.0/24")).isTrue();
        assertThat(RouteChecker.sameDestination("10.0.0.0/24", "10.0.0.0/16")).isFalse();
    }

    @Test
    void viaAndDevMustMatchWhenGiven() {
        IpRoute route = new IpRoute("default", "10.0.0.1", "ceth0");
        assertThat(RouteChecker.matches(route, spec("default", null, null))).isTrue();
        assertThat(RouteChecker.matches(route, spec("default", "10.0.0.1", "ceth0"))).isTrue();
        assertThat(RouteChecker.matches(route, spec("default", "10.0.0.2", null))).isFalse();
        assertThat(RouteChecker.matches(route, spec("default", null, "eth0"))).isFalse();
        assertThat(RouteChecker.matches(new IpRoute("10.0.0.0/24", null, "br0"), spec("10.0.0.0/24", "10.0.0.1", null)))
                .isFalse();
    }

    private static RouteCheck spec(String destination, String via, String dev) {
        return new RouteCheck(null, null, null, destination, via, dev);
    }
}
