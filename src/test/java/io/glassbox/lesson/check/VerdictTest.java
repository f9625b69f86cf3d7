package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void aFailureListsOnlyWhatIsWrong() {
        CheckResult result = new Verdict(Phrase.of("an interface veth0", "接口 veth0"))
                .precondition(true, Phrase.of("veth0 is there", "veth0 在那里"))
                .require(Phrase.of("a veth", "是 veth"), true, Phrase.of("veth0 is a veth", "veth0 是 veth"))
                .require(Phrase.of("up", "已启用"), false, Phrase.of("veth0 is down", "veth0 未启用"))
                .require(Phrase.of("with address 10.0.0.2/24", "地址为 10.0.0.2/24"), false,
                        Phrase.of("veth0 has no IPv4 address", "veth0 没有 IPv4 地址"))
                .result("link");
        assertThat(result.passed()).isFalse();
        assertThat(result.id()).isEqualTo("link");
        assertThat(result.expected()).isEqualTo("an interface veth0: a veth, up, with address 10.0.0.2/24");
        assertThat(result.observed()).isEqualTo("veth0 is down; veth0 has no IPv4 address");
        assertThat(result.message()).isEqualTo("expected an interface veth0: a veth, up, with address 10.0.0.2/24;"
                + " veth0 is down; veth0 has no IPv4 address");
        assertThat(result.expected("zh-CN")).isEqualTo("接口 veth0：是 veth，已启用，地址为 10.0.0.2/24");
        assertThat(result.observed("zh-CN")).isEqualTo("veth0 未启用；veth0 没有 IPv4 地址");
        assertThat(result.message("zh-CN")).isEqualTo("期望接口 veth0：是 veth，已启用，地址为 10.0.0.2/24；"
                + "veth0 未启用；veth0 没有 IPv4 地址");
    }

    @Test
    void aPassSaysWhatWasSeenOnce() {
        Phrase overlay = Phrase.of("the shell's root is an overlay", "shell 的根目录是 overlay");
        CheckResult result = new Verdict(Phrase.of("the shell's root", "shell 的根目录"))
                .require(Phrase.of("not the lab host's", "不是实验主机的"), true, overlay)
                .require(Phrase.of("an overlay", "是 overlay"), true, overlay)
                .require(Phrase.literal("holding /bin/sh"), true, null)
                .result("root");
        assertThat(result.passed()).isTrue();
        assertThat(result.observed()).isEqualTo("the shell's root is an overlay");
        Phrase x = Phrase.literal("x");
        CheckResult plain = new Verdict(x).require(x, true, null).result("z");
        assertThat(plain.observed()).isEqualTo("as expected");
        assertThat(plain.observed("zh-CN")).isEqualTo("符合期望");
    }

    @Test
    void wantedPropertiesThatCouldNotBeLookedAt() {
        CheckResult result = new Verdict(Phrase.of("a mount at /proc", "/proc 上的一个挂载"))
                .precondition(false, Phrase.of("nothing is mounted at /proc", "/proc 上什么也没挂载"))
                .want(Phrase.of("of type proc", "类型为 proc")).result("mount");
        assertThat(result.message()).isEqualTo("expected a mount at /proc: of type proc; nothing is mounted at /proc");
        assertThat(result.message("zh")).isEqualTo("期望 /proc 上的一个挂载：类型为 proc；/proc 上什么也没挂载");
    }
}
