package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec.InterfaceCheck;
import io.glassbox.lesson.model.CheckSpec.NatRuleCheck;
import io.glassbox.lesson.model.CheckSpec.ReachCheck;
import io.glassbox.lesson.model.CheckSpec.RouteCheck;
import io.glassbox.lesson.model.CheckSpec.SysctlCheck;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.SandboxExtension;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * interface, route, nat-rule, sysctl and reach checks on the network lesson's topology, built inside a lab host:
 * a bridge br0 (10.0.0.1/24), a veth pair veth0 (on br0) / ceth0 (in a container's network namespace,
 * 10.0.0.2/24), a default route, IP forwarding and MASQUERADE, then a DNAT from the lab host's port 8080.
 * Only addresses inside the lab host and "the internet" (198.18.0.1) are ever contacted.
 */
@Tag("kernel")
class NetworkChecksKernelTest {

    static final String BRIDGE = "ip link add br0 type bridge && ip addr add 10.0.0.1/24 dev br0 && ip link set br0 up"
            + " && ip link add veth0 type veth peer name ceth0 && ip link set veth0 master br0 && ip link set veth0 up"
            + " && P=$(pgrep -f '^sleep 1050') && ip link set ceth0 netns $P"
            + " && nsenter -t $P -n sh -c 'ip link set lo up && ip addr add 10.0.0.2/24 dev ceth0"
            + " && ip link set ceth0 up && ip route add default via 10.0.0.1'";

    static final String NAT = "sysctl -qw net.ipv4.ip_forward=1"
            + " && iptables -t nat -A POSTROUTING -s 10.0.0.0/24 ! -o br0 -j MASQUERADE";

    static final String DNAT = "P=$(pgrep -f '^sleep 1050') && nsenter -t $P -n busybox httpd -p 80"
            + " -h /images/busybox/var/www && iptables -t nat -A PREROUTING -i eth0 -p tcp --dport 8080"
            + " -j DNAT --to-destination 10.0.0.2:80";

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.USERNS, 1_180_000_000L);

    @RegisterExtension
    final CheckLab lab = new CheckLab(SANDBOX);

    @Test
    void aBridgedContainerReachesTheInternetOnlyThroughNat() throws Exception {
        lab.start("unshare --net sh -c 'exec sleep 1050'");
        ResolvedTarget container = lab.await("sleep 1050");
        InterfaceCheck veth0 = new InterfaceCheck(null, null, null, "veth0", null, "veth", true, null, "br0", true);
        InterfaceCheck ceth0 = new InterfaceCheck(null, null, null, "ceth0", null, "veth", true,
                "10.0.0.2/24", null, null);
        RouteCheck route = new RouteCheck(null, null, null, "default", "10.0.0.1", null);
        ReachCheck internet = new ReachCheck(null, null, null, "http://198.18.0.1/", null, null,
                "Hello from the internet");
        CheckResult noVeth = lab.checkLabHost(veth0);
        assertThat(noVeth.observed()).isEqualTo("there is no veth0; the interfaces there are lo, eth0");
        assertThat(lab.check(ceth0, container).observed()).isEqualTo("there is no ceth0; the interfaces there are lo");
        assertThat(lab.check(route, container).observed()).startsWith("it has no routes at all");
        CheckResult cut = lab.check(internet, container);
        assertThat(cut.passed()).isFalse();
        assertThat(cut.observed()).startsWith("no answer: ").contains("198.18.0.1");

        assertThat(lab.run(BRIDGE).exitCode()).isZero();
        CheckResult bridged = lab.checkLabHost(veth0);
        assertThat(bridged.passed()).as(bridged.message()).isTrue();
        assertThat(lab.checkLabHost(new InterfaceCheck(null, null, null, "br0", null, "bridge", true, "10.0.0.1/24",
                null, null)).passed()).isTrue();
        assertThat(lab.checkLabHost(new InterfaceCheck(null, null, null, "lo", null, "loopback", true, "127.0.0.1/8",
                null, null)).passed()).isTrue();
        assertThat(lab.check(ceth0, container).passed()).isTrue();
        assertThat(lab.check(route, container).passed()).isTrue();
        assertThat(lab.check(new RouteCheck(null, null, null, "10.0.0.0/24", null, "ceth0"),
                container).passed()).isTrue();
        CheckResult withoutNat = lab.check(internet, container);
        assertThat(withoutNat.passed()).as("no MASQUERADE, no forwarding: " + withoutNat.message()).isFalse();

        NatRuleCheck masquerade = new NatRuleCheck(null, null, null, "POSTROUTING", "-j MASQUERADE");
        SysctlCheck forwarding = new SysctlCheck(null, null, null, "net.ipv4.ip_forward", "1");
        assertThat(lab.checkLabHost(masquerade).observed()).isEqualTo("the POSTROUTING chain has no rules");
        assertThat(lab.checkLabHost(forwarding).observed()).isEqualTo("net.ipv4.ip_forward is 0 in the lab host's"
                + " network namespace (sysctl -w net.ipv4.ip_forward=1)");
        assertThat(lab.run(NAT).exitCode()).isZero();
        CheckResult rule = lab.checkLabHost(masquerade);
        assertThat(rule.passed()).as(rule.message()).isTrue();
        assertThat(rule.observed()).isEqualTo("it has -A POSTROUTING -s 10.0.0.0/24 ! -o br0 -j MASQUERADE");
        assertThat(lab.checkLabHost(forwarding).passed()).isTrue();
        assertThat(lab.check(forwarding, container).passed()).as("the container's namespace has its own").isFalse();
        CheckResult through = lab.check(internet, container);
        assertThat(through.passed()).as(through.message()).isTrue();
        assertThat(lab.check(new ReachCheck(null, null, null, "http://internet/cgi-bin/whoami", null, null,
                "sees you as " + lab.host.uplink().labAddress()), container).passed()).isTrue();
    }

    @Test
    void theInternetReachesAContainerOnlyThroughDnat() throws Exception {
        lab.start("unshare --net sh -c 'exec sleep 1050'");
        lab.await("sleep 1050");
        assertThat(lab.run(BRIDGE + " && " + NAT).exitCode()).isZero();
        ReachCheck fromOutside = new ReachCheck(null, null, null, "http://lab-host:8080/", "outside", null,
                "busybox container");
        CheckResult before = lab.checkLabHost(fromOutside);
        assertThat(before.passed()).isFalse();
        assertThat(before.expected()).isEqualTo("http://lab-host:8080/ answering from the internet: with \"busybox"
                + " container\"");
        assertThat(before.observed()).startsWith("no answer: ");
        assertThat(lab.run(DNAT).exitCode()).isZero();
        CheckResult after = lab.checkLabHost(fromOutside);
        assertThat(after.passed()).as(after.message()).isTrue();
        assertThat(lab.checkLabHost(new NatRuleCheck(null, null, null, "PREROUTING", "--to-destination 10.0.0.2:80"))
                .passed()).isTrue();
    }

    @Test
    void theLabHostReachesTheInternetAndAFreshNetworkNamespaceDoesNot() throws Exception {
        ReachCheck internet = new ReachCheck(null, null, null, "http://198.18.0.1/", null, null, null);
        CheckResult labHost = lab.checkLabHost(internet);
        assertThat(labHost.passed()).as(labHost.message()).isTrue();
        assertThat(labHost.observed()).isEqualTo("http://198.18.0.1/ answered 200");
        lab.start("unshare --net sh -c 'exec sleep 1051'");
        ResolvedTarget isolated = lab.await("sleep 1051");
        assertThat(lab.check(internet, isolated).passed()).isFalse();
        CheckResult unreachable = lab.check(new ReachCheck(null, null, null, "http://198.18.0.1/", null, false, null),
                isolated);
        assertThat(unreachable.passed()).as(unreachable.message()).isTrue();
        assertThat(lab.checkLabHost(new ReachCheck(null, null, null, "http://198.18.0.1/", null, false, null))
                .observed()).isEqualTo("http://198.18.0.1/ answered 200");
        CheckResult unknownName = lab.checkLabHost(new ReachCheck(null, null, null, "http://example.invalid/", null,
                null, null));
        assertThat(unknownName.observed()).startsWith("could not check: the name example.invalid is not in /etc/hosts");
        assertThat(lab.checkLabHost(new SysctlCheck(null, null, null, "kernel.hostname", lab.host.hostname()))
                .passed()).isTrue();
    }
}
