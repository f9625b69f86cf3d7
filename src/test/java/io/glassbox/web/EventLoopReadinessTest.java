package io.glassbox.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.PtyLauncher;
import io.glassbox.host.Readiness;
import io.glassbox.terminal.NativePty;
import io.glassbox.terminal.Pty;
import io.netty.channel.EventLoop;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real shell's pty read on real Netty NIO event loops: output arrives on the loop it was moved to, flow control
 * stops and resumes it there, a flood is read on the poll loop and the reading goes home after it, and closing
 * leaves no descriptor behind.
 */
class EventLoopReadinessTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Map<String, String> ENVIRONMENT = Map.of("PATH", "/usr/bin:/bin", "TERM", "dumb", "PS1", "$ ");

    private NioEventLoopGroup loops;
    private NativePty pty;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    /** The names of the threads output was delivered on. */
    private final Set<String> readers = ConcurrentHashMap.newKeySet();
    /** Each read, by thread, for the failure messages. */
    private final List<String> reads = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void startShell() {
        loops = new NioEventLoopGroup(2);
        pty = new NativePty(new PtyLauncher().open(List.of("/bin/sh"), ENVIRONMENT, 80, 24));
        pty.start(new Pty.Listener() {
            @Override
            public void output(byte[] bytes, int length) {
                readers.add(Thread.currentThread().getName());
                reads.add(Thread.currentThread().getName() + ": " + new String(bytes, 0, length, StandardCharsets.UTF_8));
                synchronized (output) {
                    output.write(bytes, 0, length);
                }
            }

            @Override
            public void ended(int status) {
            }
        });
    }

    @AfterEach
    void stop() throws Exception {
        if (pty != null) {
            pty.close();
        }
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void thisNettyAndJdkLetAPtyBeReadOnAnEventLoop() {
        assertThat(EventLoopReadiness.available()).as("NioEventLoop.unwrappedSelector() or the JDK pipe channel's fdVal"
                + " is gone: terminals stay on the poll loop (one more wake-up per keystroke); update"
                + " EventLoopReadiness or SelectableDup").isTrue();
    }

    @Test
    void outputIsReadOnTheLoopOfTheClientInControlAndFollowsAMove() throws Exception {
        EventLoop first = loops.next();
        EventLoop second = loops.next();
        pty.readOn(readiness(first));
        run("true"); // a read the old source had already begun may still deliver once
        readers.clear();
        assertThat(run("echo one")).contains("one");
        assertThat(readers).as("reads: %s", reads).containsExactly(threadOf(first));
        long descriptors = descriptors();
        pty.readOn(readiness(first));
        assertThat(descriptors()).as("moving to the loop it is read on opens nothing").isEqualTo(descriptors);

        pty.readOn(readiness(second));
        run("true");
        readers.clear();
        assertThat(run("echo two")).contains("two");
        assertThat(readers).as("reads: %s", reads).containsExactly(threadOf(second));
    }

    @Test
    void pausedOutputWaitsInTheKernelAndComesOnResume() throws Exception {
        pty.readOn(readiness(loops.next()));
        run("true");
        pty.pause();
        type("echo after-pause\n");
        Thread.sleep(300);
        assertThat(text()).doesNotContain("after-pause\r\n");
        pty.resume();
        await(() -> text().contains("after-pause\r\n"));
    }

    @Test
    void aFloodIsReadOnThePollLoopAndTheReadingGoesHomeAfterIt() throws Exception {
        EventLoop home = loops.next();
        pty.readOn(readiness(home));
        run("true");
        readers.clear();
        // y as \\171, so that the echoed command holds none
        type("head -c 3000000 /dev/zero | tr '\\0' '\\171'; echo flood-$((1+1))\n");
        await(() -> text().contains("flood-2"));
        assertThat(text().chars().filter(c -> c == 'y').count()).as("every byte, once").isEqualTo(3_000_000L);
        assertThat(readers).contains("glassbox-poll");

        run("true"); // its small output, read on the poll loop, sends the reading home
        readers.clear();
        assertThat(run("echo back-$((2+1))")).contains("back-3");
        assertThat(readers).as("small output is read at home again").containsExactly(threadOf(home));
    }

    @Test
    void closingLeavesNoDescriptorBehind() throws Exception {
        pty.close();
        pty = null;
        long before = descriptors();
        for (int i = 0; i < 20; i++) {
            NativePty shell = new NativePty(new PtyLauncher().open(List.of("/bin/sh", "-c", "sleep 0.05"), ENVIRONMENT,
                    80, 24));
            shell.start(new Pty.Listener() {
                @Override
                public void output(byte[] bytes, int length) {
                }

                @Override
                public void ended(int status) {
                }
            });
            shell.readOn(readiness(loops.next()));
            shell.close();
        }
        await(() -> descriptors() <= before);
    }

    private static Readiness readiness(EventLoop loop) {
        return EventLoopReadiness.of(loop).orElseThrow();
    }

    private static String threadOf(EventLoop loop) throws Exception {
        return loop.submit(() -> Thread.currentThread().getName()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Types {@code command} and waits for a marker echoed after it: what the terminal showed since. */
    private String run(String command) throws Exception {
        int from = text().length();
        String marker = "done-" + System.nanoTime();
        type(command + "; echo " + marker.replace("-", "-''") + "\n");
        await(() -> text().indexOf(marker, from) >= 0);
        return text().substring(from);
    }

    private void type(String text) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        pty.write(bytes, 0, bytes.length);
    }

    private String text() {
        synchronized (output) {
            return output.toString(StandardCharsets.UTF_8);
        }
    }

    private static long descriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + WAIT);
            }
            Thread.sleep(10);
        }
    }
}
