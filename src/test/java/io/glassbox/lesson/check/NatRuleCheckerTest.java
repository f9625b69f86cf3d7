package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Reading {@code iptables -t nat -S CHAIN} as iptables 1.8.9 (nf_tables) prints it. */
class NatRuleCheckerTest {

    @Test
    void onlyTheRuleLinesOfTheChainCount() {
        String listed = """
                -P POSTROUTING ACCEPT
                -A POSTROUTING -s 10.0.0.0/24 ! -o br0 -j MASQUERADE
                -A POSTROUTINGX -j ACCEPT
                -A POSTROUTING -o eth0 -j SNAT --to-source 198.19.0.2
                """;
        assertThat(NatRuleChecker.rulesOf("POSTROUTING", listed)).containsExactly(
                "-A POSTROUTING -s 10.0.0.0/24 ! -o br0 -j MASQUERADE",
                "-A POSTROUTING -o eth0 -j SNAT --to-source 198.19.0.2");
        assertThat(NatRuleChecker.rulesOf("POSTROUTING", "-P POSTROUTING ACCEPT\n")).isEmpty();
        assertThat(NatRuleChecker.rulesOf("PREROUTING", listed)).isEmpty();
    }
}
