package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.SandboxExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The learner's recent command lines, read from a real lab host's bash history. */
@Tag("kernel")
class RecentCommandsKernelTest {

    @RegisterExtension
    static final SandboxExtension SANDBOX = new SandboxExtension(IsolationMode.USERNS, 2_130_000_000L);

    @RegisterExtension
    final CheckLab lab = new CheckLab(SANDBOX);

    @Test
    void theLastLinesOfTheLabHostsHistoryOldestFirst() {
        assertThat(RecentCommands.read(lab.labContext())).as("no history yet").isEmpty();
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= 12; i++) {
            lines.append("echo line ").append(i).append("\\n");
        }
        lab.run("printf '" + lines + "unshare -p bash\\n' > /root/.bash_history");
        assertThat(RecentCommands.read(lab.labContext())).hasSize(RecentCommands.LINES)
                .startsWith("echo line 4").endsWith("unshare -p bash");
    }

    /** The learner owns the file: a link in its place must resolve inside the lab, never to the machine's files. */
    @Test
    void aHistoryLinkedToASecretRevealsNothingOfTheMachine() throws Exception {
        String shadow = Files.readAllLines(Path.of("/etc/shadow")).get(0);
        lab.run("ln -sf /etc/shadow /root/.bash_history");
        assertThat(String.join("\n", RecentCommands.read(lab.labContext())))
                .doesNotContain(shadow.substring(0, Math.min(12, shadow.length())));
    }

    /** A line is in the history before it runs: the shell it starts already finds it there. */
    @Test
    void theLabHostsBashAppendsEachLineBeforeItRuns() {
        String out = lab.run("printf 'echo first\\nsh -c \"tail -n 1 /root/.bash_history | tr a-z A-Z\"\\n'"
                + " | HOME=/root bash -i 2>/dev/null").stdout();
        assertThat(out).contains("SH -C \"TAIL -N 1 /ROOT/.BASH_HISTORY | TR A-Z A-Z\"");
        assertThat(RecentCommands.read(lab.labContext())).containsExactly("echo first",
                "sh -c \"tail -n 1 /root/.bash_history | tr a-z A-Z\"");
    }
}
