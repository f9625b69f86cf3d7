package io.glassbox.host;

import static io.glassbox.testing.KernelTests.backgroundThread;
import static io.glassbox.testing.KernelTests.nice;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Background threads' nice value reaches the commands they start, and only theirs; restore undoes it. */
@Tag("kernel")
class NicenessKernelTest {

    private static final CommandRunner COMMANDS = new CommandRunner();

    /** The nice value of the process that prints it (field 19 of /proc/self/stat, man 5 proc). */
    private static final List<String> OWN_NICE = List.of("/bin/sh", "-c", "cut -d' ' -f19 /proc/$$/stat");

    @Test
    void aBackgroundThreadsCommandsRunNicedAndOtherThreadsAreUntouched() throws Exception {
        ExecutorService background = backgroundThread();
        try {
            String niced = CompletableFuture.supplyAsync(() -> COMMANDS.check(OWN_NICE).stdout().strip(), background)
                    .get();
            assertThat(niced).isEqualTo(Integer.toString(Niceness.BACKGROUND));
        } finally {
            background.shutdownNow();
        }
        assertThat(COMMANDS.check(OWN_NICE).stdout().strip()).as("a command of the test's own thread")
                .isEqualTo(Integer.toString(Niceness.SERVER));
    }

    @Test
    void aServerThreadRunsAtTheServersPriorityEvenWhenABackgroundThreadStartsIt() throws Exception {
        ExecutorService background = backgroundThread();
        try {
            int[] seen = CompletableFuture.supplyAsync(() -> {
                CompletableFuture<Integer> started = new CompletableFuture<>();
                Niceness.serverThreads("glassbox-test-server").newThread(() -> started.complete(ownNice())).start();
                return new int[] {ownNice(), started.join()};
            }, background).get();
            assertThat(seen[0]).as("the background thread that starts it").isEqualTo(Niceness.BACKGROUND);
            assertThat(seen[1]).as("the server thread it started").isEqualTo(Niceness.SERVER);
        } finally {
            background.shutdownNow();
        }
    }

    /** The calling thread's nice value (/proc/thread-self is a link to PID/task/TID). */
    private static int ownNice() {
        try {
            return nice(Long.parseLong(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void restoreSetsAProcessAndItsDescendantsBackToTheDefault() throws Exception {
        ExecutorService background = backgroundThread();
        Process parent = null;
        try {
            parent = CompletableFuture.supplyAsync(() -> COMMANDS.start(List.of("/bin/sh", "-c", "sleep 30 & wait"),
                    Map.of(), ProcessBuilder.Redirect.DISCARD), background).get();
            ProcessHandle handle = parent.toHandle();
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (handle.children().findAny().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            List<Long> tree = Stream.concat(Stream.of(handle), handle.descendants())
                    .map(ProcessHandle::pid).toList();
            assertThat(tree).hasSize(2);
            assertThat(tree).allSatisfy(pid -> assertThat(nice(pid)).isEqualTo(Niceness.BACKGROUND));

            Niceness.restore(parent.pid());

            assertThat(tree).allSatisfy(pid -> assertThat(nice(pid)).isEqualTo(Niceness.SERVER));
        } finally {
            background.shutdownNow();
            if (parent != null) {
                parent.descendants().forEach(ProcessHandle::destroyForcibly);
                parent.destroyForcibly().waitFor();
            }
        }
    }
}
