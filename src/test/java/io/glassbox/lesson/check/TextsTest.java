package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.host.CommandRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextsTest {

    @Test
    void aQuotedWordReachesTheCommandExactlyAsItWas() {
        for (String text : List.of("plain", "it's", "''", "$(id) `id` $HOME", "a\nb", "-n", "\\'\\", "")) {
            String printed = new CommandRunner().run(List.of("sh", "-c", "printf %s " + Texts.quote(text))).stdout();
            assertThat(printed).isEqualTo(text);
        }
        assertThatThrownBy(() -> Texts.quote("a\0b")).hasMessageContaining("NUL");
    }

    @Test
    void smallPhrases() {
        assertThat(Texts.possessive("the shell")).isEqualTo("the shell's");
        assertThat(Texts.possessive("the process httpd")).isEqualTo("the process httpd's");
        assertThat(Texts.count(1, "process", "processes")).isEqualTo("1 process");
        assertThat(Texts.count(0, "process", "processes")).isEqualTo("0 processes");
        assertThat(Texts.article("IPC")).isEqualTo("an");
        assertThat(Texts.article("UTS")).isEqualTo("a");
        assertThat(Texts.article("overlay")).isEqualTo("an");
        assertThat(Texts.excerpt("  \n")).isEqualTo("nothing");
        assertThat(Texts.excerpt("a\n  b")).isEqualTo("\"a b\"");
        assertThat(Texts.excerpt("x".repeat(100))).hasSize(82).endsWith("…\"");
    }
}
