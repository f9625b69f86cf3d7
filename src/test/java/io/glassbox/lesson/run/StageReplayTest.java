package io.glassbox.lesson.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How a solve script is cut into the units the replay types and waits after. */
class StageReplayTest {

    @Test
    void everyLineIsAUnit() {
        assertThat(StageReplay.units("unshare --uts bash\nhostname box1\n")).containsExactly(
                List.of("unshare --uts bash"), List.of("hostname box1"));
    }

    @Test
    void aHereDocumentGoesWithTheCommandThatOpensItUpToItsDelimiter() {
        String solve = """
                mkdir -p /srv
                cat > /root/run.sh <<'EOF'
                set -e
                echo "EOF is not the end here"
                EOF
                bash /root/run.sh
                """;
        assertThat(StageReplay.units(solve)).containsExactly(List.of("mkdir -p /srv"),
                List.of("cat > /root/run.sh <<'EOF'", "set -e", "echo \"EOF is not the end here\"", "EOF"),
                List.of("bash /root/run.sh"));
    }

    @Test
    void delimitersUnquotedDoubleQuotedAndTabStrippedAndNotHereStrings() {
        assertThat(StageReplay.units("cat <<END\na\nEND\ntr a b <<< abc")).containsExactly(
                List.of("cat <<END", "a", "END"), List.of("tr a b <<< abc"));
        assertThat(StageReplay.units("cat <<-\"X\"\n\tx\n\tX\necho done")).containsExactly(
                List.of("cat <<-\"X\"", "\tx", "\tX"), List.of("echo done"));
    }

    @Test
    void anUnterminatedHereDocumentTakesTheRestOfTheScript() {
        assertThat(StageReplay.units("cat <<EOF\nline\nmore")).containsExactly(List.of("cat <<EOF", "line", "more"));
    }
}
