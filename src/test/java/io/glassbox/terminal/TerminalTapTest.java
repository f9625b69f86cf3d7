package io.glassbox.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.PtyLauncher;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The tap a recording hangs on a terminal (a real shell on a real pseudo-terminal, no lab host): it sees every byte
 * the clients see, in order, the size at the start and after each resize, and the keystrokes.
 */
class TerminalTapTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private final CollectingTap tap = new CollectingTap();
    private Terminals terminals;

    /** What a tap was given, kept in memory. */
    private static final class CollectingTap implements TerminalTap {
        private final ByteArrayOutputStream output = new ByteArrayOutputStream();
        private final ByteArrayOutputStream input = new ByteArrayOutputStream();
        private final List<String> sizes = new ArrayList<>();

        @Override
        public synchronized void output(byte[] bytes, int offset, int length) {
            output.write(bytes, offset, length);
        }

        @Override
        public synchronized void resize(int columns, int rows) {
            sizes.add(columns + "x" + rows);
        }

        @Override
        public synchronized void input(byte[] bytes) {
            input.write(bytes, 0, bytes.length);
        }

        synchronized String output() {
            return output.toString(StandardCharsets.UTF_8);
        }

        synchronized String input() {
            return input.toString(StandardCharsets.UTF_8);
        }

        synchronized List<String> sizes() {
            return List.copyOf(sizes);
        }
    }

    @AfterEach
    void close() {
        if (terminals != null) {
            terminals.close(1001, "test over");
        }
        timers.shutdownNow();
    }

    @Test
    void theTapSeesWhatTheClientSeesTheSizesAndTheKeystrokes() throws Exception {
        PtyLauncher launcher = new PtyLauncher();
        PtyFactory shell = (columns, rows) -> new NativePty(launcher.open(List.of("/bin/bash", "--norc", "--noprofile", "-i"),
                Map.of("PS1", "prompt$ ", "TERM", "xterm", "PATH", "/usr/bin:/bin"), columns, rows));
        List<Integer> tapped = new ArrayList<>();
        terminals = new Terminals("test-host", shell, new TerminalSettings(256 * 1024, 64 * 1024, Duration.ofMinutes(1),
                8, Duration.ofMillis(50)), timers, terminal -> { }, tab -> {
                    tapped.add(tab);
                    return tap;
                });
        Terminal terminal = terminals.get(1).orElseThrow();
        RecordingClient client = new RecordingClient().autoAck();
        Terminal.Attachment a = client.attachedAs(terminal.attach(client, TerminalMode.CONTROL, OptionalLong.empty(), 90, 30));
        client.awaitText("prompt$ ", WAIT);
        a.handle(new ClientMessage.Resize(100, 40));
        Thread.sleep(200); // past the resize interval, so the size is applied before the command runs
        a.input("echo tapped-$((6*7))\r".getBytes(StandardCharsets.UTF_8));
        client.awaitText("tapped-42\r\n", WAIT);
        client.awaitText("prompt$ ", WAIT);

        assertThat(tapped).containsExactly(1);
        assertThat(tap.sizes()).containsExactly("90x30", "100x40");
        assertThat(tap.input()).isEqualTo("echo tapped-$((6*7))\r");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!tap.output().equals(client.text()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(tap.output()).isEqualTo(client.text()).contains("tapped-42");
    }
}
