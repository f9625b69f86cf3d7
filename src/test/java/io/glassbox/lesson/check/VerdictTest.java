package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void aFailureListsOnlyWhatIsWrong() {
        CheckResult result = new Verdict("an interface veth0")
                .precondition(true, "veth0 is there")
                .require("a veth", true, "veth0 is a veth")
                .require("up", false, "veth0 is down")
                .require("with address 10.0.0.2/24", false, "veth0 has no IPv4 address")
                .result("link");
        assertThat(result.passed()).isFalse();
        assertThat(result.id()).isEqualTo("link");
        assertThat(result.expected()).isEqualTo("an interface veth0: a veth, up, with address 10.0.0.2/24");
        assertThat(result.observed()).isEqualTo("veth0 is down; veth0 has no IPv4 address");
        assertThat(result.message()).isEqualTo("expected an interface veth0: a veth, up, with address 10.0.0.2/24;"
                + " veth0 is down; veth0 has no IPv4 address");
    }

    @Test
    void aPassSaysWhatWasSeenOnce() {
        CheckResult result = new Verdict("the shell's root")
                .require("not the lab host's", true, "the shell's root is an overlay")
                .require("an overlay", true, "the shell's root is an overlay")
                .require("holding /bin/sh", true, null)
                .result("root");
        assertThat(result.passed()).isTrue();
        assertThat(result.observed()).isEqualTo("the shell's root is an overlay");
        assertThat(new Verdict("x").require("y", true, null).result("z").observed()).isEqualTo("as expected");
    }

    @Test
    void wantedPropertiesThatCouldNotBeLookedAt() {
        CheckResult result = new Verdict("a mount at /proc").precondition(false, "nothing is mounted at /proc")
                .want("of type proc").result("mount");
        assertThat(result.message()).isEqualTo("expected a mount at /proc: of type proc; nothing is mounted at /proc");
    }
}
