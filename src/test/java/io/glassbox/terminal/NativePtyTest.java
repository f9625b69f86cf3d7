package io.glassbox.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.PtyLauncher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A program on a {@link NativePty}: spawned on its own controlling terminal, read by the poll loop, reaped. */
class NativePtyTest {

    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "TERM", "dumb");

    /** Everything a program printed and its exit status. */
    private record Run(String output, int status) {
    }

    private static Run run(String script) throws Exception {
        NativePty pty = new NativePty(new PtyLauncher().open(List.of("/bin/sh", "-c", script), ENVIRONMENT, 91, 17));
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        CompletableFuture<Integer> ended = new CompletableFuture<>();
        pty.start(new Pty.Listener() {
            @Override
            public void output(byte[] bytes, int length) {
                synchronized (output) {
                    output.write(bytes, 0, length);
                }
            }

            @Override
            public void ended(int status) {
                ended.complete(status);
            }
        });
        try {
            int status = ended.get(10, TimeUnit.SECONDS);
            synchronized (output) {
                return new Run(output.toString(StandardCharsets.UTF_8), status);
            }
        } finally {
            pty.close();
        }
    }

    @Test
    void theProgramRunsInANewSessionWithTheTerminalAsItsControllingTtyAndItsSize() throws Exception {
        Run run = run("tty; stty size; ps -o sid= -p $$; echo pid $$");
        String[] lines = run.output().split("\r\n");
        assertThat(lines[0]).startsWith("/dev/pts/");
        assertThat(lines[1]).isEqualTo("17 91");
        assertThat(lines[2].strip()).isEqualTo(lines[3].substring("pid ".length()));
        assertThat(run.status()).isZero();
    }

    @Test
    void itInheritsNoDescriptorOfTheServerAndOnlyTheEnvironmentGiven() throws Exception {
        // sh adds PWD; the directory is / (posix_spawn's chdir), not the server's.
        assertThat(run("ls -1 /proc/$$/fd; env | sort").output().split("\r\n"))
                .containsExactly("0", "1", "2", "PATH=/usr/bin:/bin", "PWD=/", "TERM=dumb");
    }

    @Test
    void theEndComesAfterTheLastOutputWithTheExitStatus() throws Exception {
        Run run = run("seq 1 20000; exit 7");
        assertThat(run.output()).endsWith("20000\r\n");
        assertThat(run.status()).isEqualTo(7);
    }

    @Test
    void aProgramEndedByASignalReportsItAsAShellWould() throws Exception {
        assertThat(run("kill -TERM $$").status()).isEqualTo(128 + 15);
    }

    @Test
    void aBackgroundJobLeftHoldingTheTerminalDoesNotKeepItOpen() throws Exception {
        long started = System.nanoTime();
        // An interactive bash puts the job in a process group of its own, which its exit does not hang up.
        Run run = run("exec /bin/bash --norc --noprofile -i -c 'sleep 1065 & echo left $!; exit 4'");
        try {
            assertThat(run.status()).isEqualTo(4);
            assertThat(System.nanoTime() - started).as("ended long before the job would").isLessThan(TimeUnit.SECONDS.toNanos(5));
        } finally {
            java.util.regex.Matcher left = java.util.regex.Pattern.compile("left (\\d+)").matcher(run.output());
            if (left.find()) {
                ProcessHandle.of(Long.parseLong(left.group(1))).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }
}
