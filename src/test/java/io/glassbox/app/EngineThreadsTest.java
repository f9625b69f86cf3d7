package io.glassbox.app;

import static io.glassbox.testing.KernelTests.nice;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.Niceness;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The running server's own threads: background work at the background priority, whoever started it. */
@QuarkusTest
@Tag("kernel")
class EngineThreadsTest {

    @Test
    void thePeriodicSessionCheckRunsAtTheBackgroundPriority() {
        List<Long> housekeeping = threadsNamed("glassbox-housek"); // comm holds 15 characters

        assertThat(housekeeping).as("the housekeeping thread").hasSize(1);
        assertThat(nice(housekeeping.get(0))).isEqualTo(Niceness.BACKGROUND);
    }

    /** Thread ids of this JVM whose name (as the kernel keeps it, cut to 15 characters) is {@code comm}. */
    private static List<Long> threadsNamed(String comm) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            return tasks.filter(task -> comm.equals(read(task.resolve("comm")).strip()))
                    .map(task -> Long.parseLong(task.getFileName().toString())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException gone) {
            return ""; // the thread ended while we looked
        }
    }
}
