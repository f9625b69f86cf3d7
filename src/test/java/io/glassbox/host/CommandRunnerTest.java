package io.glassbox.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandRunnerTest {

    private final CommandRunner commands = new CommandRunner(Duration.ofSeconds(5));

    @Test
    void capturesOutputAndExitCode() {
        CommandResult result = commands.run(List.of("sh", "-c", "echo out; echo err >&2; exit 3"));
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out\n");
        assertThat(result.stderr()).isEqualTo("err\n");
    }

    @Test
    void childrenGetACleanEnvironmentNotTheServers() {
        String env = commands.run(List.of("env")).stdout();
        assertThat(env.lines()).containsExactlyInAnyOrder("PATH=" + CommandRunner.ENVIRONMENT.get("PATH"),
                "LANG=C.UTF-8", "LC_ALL=C.UTF-8");
    }

    @Test
    void childrenInheritNoFileDescriptorsBeyondTheStandardThree() {
        String fds = commands.run(List.of("sh", "-c", "ls /proc/self/fd")).stdout();
        // sh itself, ls and its directory stream: 0, 1, 2 and the fd ls reads the directory with.
        assertThat(fds.lines().map(Integer::parseInt).filter(fd -> fd > 3)).isEmpty();
    }

    @Test
    void feedsStandardInput() {
        assertThat(commands.run(List.of("cat"), "one\ntwo\n").stdout()).isEqualTo("one\ntwo\n");
    }

    @Test
    void killsCommandsThatOverrunTheirTimeout() {
        CommandResult result = commands.run(List.of("sleep", "30"), Map.of(), Duration.ofMillis(200));
        assertThat(result.exitCode()).isEqualTo(CommandRunner.TIMED_OUT);
        assertThat(result.elapsed()).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void failuresNameTheOperationTheErrnoAndWhatTheToolSaid() {
        assertThatThrownBy(() -> commands.check(List.of("mkdir", "/proc/glassbox-nope"), "proc is not writable"))
                .isInstanceOf(CommandFailedException.class)
                .hasMessageStartingWith("mkdir /proc/glassbox-nope: ENOENT")
                .hasMessageContaining("proc is not writable");
    }

    @Test
    void aMissingProgramSaysSo() {
        assertThatThrownBy(() -> commands.run(List.of("glassbox-no-such-tool")))
                .hasMessageContaining("cannot start glassbox-no-such-tool: not found in /usr/local/sbin:")
                .hasMessageContaining("apt-get install glassbox-no-such-tool");
        assertThatThrownBy(() -> CommandRunner.locate("pivot_root-nope")).isInstanceOf(StartupFailure.class);
    }

    @Test
    void bareNamesAreFoundOnTheProbedPathNotTheServers() {
        // /usr/sbin is on the fixed PATH whatever the JVM's own PATH is (after su without -, it lacks /usr/sbin).
        assertThat(CommandRunner.find("sysctl")).hasValueSatisfying(path -> assertThat(path).endsWith("/sbin/sysctl"));
        assertThat(commands.run(List.of("sysctl", "-n", "kernel.ostype")).stdout().strip()).isEqualTo("Linux");
    }
}
