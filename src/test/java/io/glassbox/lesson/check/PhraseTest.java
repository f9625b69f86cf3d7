package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhraseTest {

    @Test
    void chinesePiecesGetASpaceWhereLatinMeetsHan() {
        Phrase shell = Phrase.of("the shell", "shell");
        assertThat(shell.plus(" is still in the lab host's", "仍在实验主机的命名空间里").zh()).isEqualTo("shell 仍在实验主机的命名空间里");
        assertThat(Phrase.of("reading ", "读取").plus("/proc/sys/x").zh()).isEqualTo("读取 /proc/sys/x");
        assertThat(Phrase.of("x", "（").plus("uts:[1]").plus(")", "）").zh()).isEqualTo("（uts:[1]）");
        assertThat(Phrase.of("x", "是 ").plus("tmpfs").zh()).isEqualTo("是 tmpfs");
        assertThat(shell.plus(" is in ", "在").en()).isEqualTo("the shell is in ");
    }

    @Test
    void anyChineseTagReadsChineseAndEverythingElseEnglish() {
        Phrase phrase = Phrase.of("up", "已启用");
        assertThat(phrase.in("zh-CN")).isEqualTo("已启用");
        assertThat(phrase.in("zh-TW")).isEqualTo("已启用");
        assertThat(phrase.in("en")).isEqualTo("up");
        assertThat(phrase.in("fr")).isEqualTo("up");
        assertThat(phrase.in(null)).isEqualTo("up");
        assertThat(Phrase.join(Phrase.of(", ", "，"), List.of(phrase, Phrase.literal("10.0.0.2/24"))).zh())
                .isEqualTo("已启用，10.0.0.2/24");
    }
}
