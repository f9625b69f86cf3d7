package io.glassbox.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.PtyLauncher;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A terminal bridging a real shell on a real pseudo-terminal (no lab host needed) to recording clients. */
class TerminalTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int WINDOW = 64 * 1024;

    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private Terminal terminal;

    private Terminal newTerminal(Duration grace) {
        PtyLauncher launcher = new PtyLauncher();
        PtyFactory shell = (columns, rows) -> new NativePty(launcher.open(List.of("/bin/bash", "--norc", "--noprofile", "-i"),
                Map.of("PS1", "prompt$ ", "TERM", "xterm", "PATH", "/usr/bin:/bin"), columns, rows));
        terminal = new Terminal(1, "test-host", shell,
                new TerminalSettings(256 * 1024, WINDOW, grace, 8, Duration.ofMillis(50)), timers);
        return terminal;
    }

    @AfterEach
    void close() {
        if (terminal != null) {
            terminal.close(1001, "test over");
        }
        timers.shutdownNow();
    }

    /** Attaches {@code client} and waits for the shell's first prompt when it starts one. */
    private static Terminal.Attachment attach(Terminal terminal, RecordingClient client, TerminalMode mode,
            OptionalLong since) {
        return client.attachedAs(terminal.attach(client, mode, since, 80, 24));
    }

    private Terminal.Attachment controlWithPrompt(RecordingClient client) {
        Terminal.Attachment a = attach(terminal, client, TerminalMode.CONTROL, OptionalLong.empty());
        client.awaitText("prompt$ ", WAIT);
        return a;
    }

    private static void type(Terminal.Attachment attachment, String text) {
        attachment.input(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void typedCommandsRunAndTheirOutputArrivesAfterAHello() {
        Terminal terminal = newTerminal(Duration.ofMinutes(1));
        RecordingClient client = new RecordingClient().autoAck();
        Terminal.Attachment a = attach(terminal, client, TerminalMode.CONTROL, OptionalLong.empty());
        ServerMessage.Hello hello = client.awaitMessage(ServerMessage.Hello.class, WAIT);
        assertThat(hello).isEqualTo(new ServerMessage.Hello(1, "control", 0, 80, 24, "test-host"));
        client.awaitText("prompt$ ", WAIT);
        type(a, "echo $((40+2))\r");
        client.awaitText("42\r\n", WAIT);
    }

    @Test
    void aClientThatNeverAcknowledgesGetsOneWindowAndTheProgramIsPaused() throws Exception {
        Terminal terminal = newTerminal(Duration.ofMinutes(1));
        RecordingClient slow = new RecordingClient();
        Terminal.Attachment a = controlWithPrompt(slow);
        type(a, "yes glassbox-flood\r");
        Thread.sleep(500);
        long first = slow.received();
        Thread.sleep(300);
        assertThat(slow.received()).isEqualTo(first).isLessThanOrEqualTo(WINDOW);

        a.handle(new ClientMessage.Ack(slow.received()));
        Thread.sleep(300);
        assertThat(slow.received()).isGreaterThan(first).isLessThanOrEqualTo(first + WINDOW);
    }

    @Test
    void ctrlCStopsAFloodWithinHalfASecond() throws Exception {
        newTerminal(Duration.ofMinutes(1));
        RecordingClient client = new RecordingClient().autoAck();
        Terminal.Attachment a = controlWithPrompt(client);
        type(a, "yes glassbox-flood\r");
        client.awaitText("glassbox-flood\r\nglassbox-flood", WAIT);
        long before = client.received();
        long sent = System.nanoTime();
        type(a, "\u0003");
        client.awaitTextAfter(before, "prompt$ ", Duration.ofMillis(500));
        long stopped = client.received();
        Thread.sleep(300);
        assertThat(client.received() - stopped).isLessThan(100);
        assertThat(Duration.ofNanos(System.nanoTime() - sent)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void reconnectingWithAnOffsetResumesWithoutLosingOrRepeatingOutput() throws Exception {
        Terminal terminal = newTerminal(Duration.ofMinutes(1));
        RecordingClient first = new RecordingClient().autoAck();
        Terminal.Attachment a = controlWithPrompt(first);
        type(a, "X=kept; sleep 0.5; echo after-$X\r");
        first.awaitText("sleep 0.5", WAIT);
        Thread.sleep(100);
        long shown = first.received();
        a.detach();
        Thread.sleep(800);

        RecordingClient second = new RecordingClient().autoAck();
        attach(terminal, second, TerminalMode.CONTROL, OptionalLong.of(shown));
        second.awaitText("after-kept\r\n", WAIT);
        assertThat(second.helloOffset()).isEqualTo(shown);
        assertThat(first.text() + second.text()).containsOnlyOnce("after-kept\r\n").containsOnlyOnce("sleep 0.5");
    }

    @Test
    void theNewestControlClientTakesOverAndWatchersCannotType() {
        Terminal terminal = newTerminal(Duration.ofMinutes(1));
        RecordingClient old = new RecordingClient().autoAck();
        Terminal.Attachment oldAttachment = controlWithPrompt(old);
        RecordingClient watcher = new RecordingClient().autoAck();
        Terminal.Attachment watch = attach(terminal, watcher, TerminalMode.WATCH, OptionalLong.empty());
        RecordingClient fresh = new RecordingClient().autoAck();
        Terminal.Attachment freshAttachment = attach(terminal, fresh, TerminalMode.CONTROL, OptionalLong.empty());

        assertThat(old.awaitMessage(ServerMessage.ModeChange.class, WAIT).mode()).isEqualTo("watch");
        type(oldAttachment, "echo from-old\r");
        type(watch, "echo from-watcher\r");
        assertThat(old.awaitMessage(ServerMessage.Error.class, WAIT).message()).contains("view only");
        type(freshAttachment, "echo from-$((1+1))-fresh\r");
        watcher.awaitText("from-2-fresh", WAIT);
        assertThat(watcher.text()).doesNotContain("from-old", "from-watcher");
    }

    @Test
    void anExitedShellSaysSoAfterItsLastOutputAndCanBeRestarted() {
        Terminal terminal = newTerminal(Duration.ofMinutes(1));
        RecordingClient client = new RecordingClient().autoAck();
        Terminal.Attachment a = controlWithPrompt(client);
        type(a, "echo bye; exit 7\r");
        assertThat(client.awaitMessage(ServerMessage.Exit.class, WAIT).code()).isEqualTo(7);
        assertThat(client.text()).contains("bye");
        assertThat(terminal.isRunning()).isFalse();

        a.handle(new ClientMessage.Restart());
        client.awaitText("exit 7", WAIT);
        type(a, "echo again\r");
        client.awaitText("again\r\n", WAIT);
        assertThat(terminal.isRunning()).isTrue();
    }

    @Test
    void aResizeStormEndsOnTheLastSize() throws Exception {
        Terminal terminal = newTerminal(Duration.ofMinutes(1));
        RecordingClient client = new RecordingClient().autoAck();
        Terminal.Attachment a = controlWithPrompt(client);
        for (int i = 0; i < 200; i++) {
            a.handle(new ClientMessage.Resize(40 + i % 50, 10 + i % 20));
        }
        a.handle(new ClientMessage.Resize(123, 45));
        a.handle(new ClientMessage.Resize(99999, -5));
        a.handle(new ClientMessage.Resize(123, 45));
        Thread.sleep(200);
        type(a, "stty size\r");
        client.awaitText("45 123\r\n", WAIT);
    }

    @Test
    void aTerminalNobodyComesBackToIsHungUpAfterTheGracePeriod() throws Exception {
        Terminal terminal = newTerminal(Duration.ofMillis(300));
        RecordingClient client = new RecordingClient().autoAck();
        Terminal.Attachment a = controlWithPrompt(client);
        long pid = terminal.pid();
        a.detach();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (terminal.isRunning() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(terminal.isRunning()).isFalse();
        assertThat(ProcessHandle.of(pid)).isEmpty();
    }

    @Test
    void closingTheTerminalClosesItsClientsAndEndsTheShell() {
        Terminal terminal = newTerminal(Duration.ofMinutes(1));
        RecordingClient client = new RecordingClient().autoAck();
        controlWithPrompt(client);
        long pid = terminal.pid();
        terminal.close(1001, "session ended");
        assertThat(client.closeCode()).isEqualTo(1001);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void typingIntoAProgramThatDoesNotReadNeverBlocksAndIsBounded() {
        newTerminal(Duration.ofMinutes(1));
        RecordingClient client = new RecordingClient().autoAck();
        Terminal.Attachment a = controlWithPrompt(client);
        type(a, "sleep 30\r");
        client.awaitText("sleep 30", WAIT);
        byte[] paste = new byte[64 * 1024];
        java.util.Arrays.fill(paste, (byte) 'x');
        long started = System.nanoTime();
        for (int i = 0; i < 40; i++) {
            a.input(paste);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
        assertThat(client.awaitMessage(ServerMessage.Error.class, WAIT).message()).contains("input dropped");
        type(a, "\u0003");
        client.awaitTextAfter(client.received(), "prompt$ ", WAIT);
    }
}
