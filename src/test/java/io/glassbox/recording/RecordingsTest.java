package io.glassbox.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.terminal.TerminalTap;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which sessions are recorded, where, who finds which recording, and forgetting a learner's. */
class RecordingsTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-05T05:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path temp;

    private Recordings recordings(RecordingMode mode) throws IOException {
        return new Recordings(temp.resolve("recordings"), new RecordingSettings(mode, 1 << 20, false), CLOCK,
                runnable -> {
                    Thread thread = new Thread(runnable, "glassbox-test-recorder");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Test
    void theModeSaysWhichSessionsAreTapped() throws IOException {
        try (Recordings workshop = recordings(RecordingMode.WORKSHOP)) {
            assertThat(workshop.tap("abc", null, null, 1)).isSameAs(TerminalTap.NONE);
            assertThat(workshop.tap("abd", "learner1", "02-uts-namespace", 1)).isInstanceOf(TabRecorder.class);
            assertThat(workshop.tap("../x", "learner1", null, 1)).as("never a path").isSameAs(TerminalTap.NONE);
        }
        try (Recordings all = recordings(RecordingMode.ALL)) {
            assertThat(all.tap("abe", null, null, 1)).isInstanceOf(TabRecorder.class);
        }
        try (Recordings off = recordings(RecordingMode.OFF)) {
            assertThat(off.tap("abf", "learner1", null, 1)).isSameAs(TerminalTap.NONE);
        }
    }

    @Test
    void aLearnerFindsTheirRecordingsAndNobodyElses() throws IOException {
        try (Recordings recordings = recordings(RecordingMode.WORKSHOP)) {
            TerminalTap tap = recordings.tap("s1", "ada", "02-uts-namespace", 1);
            byte[] prompt = "root@lab:~# ".getBytes(StandardCharsets.UTF_8);
            tap.output(prompt, 0, prompt.length);

            assertThat(recordings.list("ada")).as("listed at once, before the writer's round").singleElement().satisfies(r -> {
                assertThat(r.session()).isEqualTo("s1");
                assertThat(r.lesson()).isEqualTo("02-uts-namespace");
                assertThat(r.live()).isTrue();
                assertThat(r.terminals()).containsExactly(1);
                assertThat(r.bytes()).isPositive();
            });
            assertThat(recordings.cast("ada", "s1", 1).asciicast()).contains("root@lab:~# ");
            assertThat(recordings.list("bob")).isEmpty();
            assertNotFound(() -> recordings.cast("bob", "s1", 1));
            assertNotFound(() -> recordings.cast("ada", "s1", 2));
            assertNotFound(() -> recordings.cast("ada", "nope", 1));
            assertNotFound(() -> recordings.cast("..", "s1", 1));
        }
    }

    @Test
    void forgettingALearnerDeletesTheirRecordingsEvenWhileOneRuns() throws IOException {
        try (Recordings recordings = recordings(RecordingMode.WORKSHOP)) {
            TerminalTap tap = recordings.tap("s1", "ada", null, 1);
            byte[] bytes = "x".getBytes(StandardCharsets.UTF_8);
            tap.output(bytes, 0, 1);
            recordings.cast("ada", "s1", 1);
            recordings.tap("s2", "bob", null, 1).output(bytes, 0, 1);
            recordings.cast("bob", "s2", 1);

            recordings.forget("ada");
            tap.output(bytes, 0, 1);

            assertThat(temp.resolve("recordings").resolve("ada")).doesNotExist();
            assertThat(recordings.list("ada")).isEmpty();
            assertThat(recordings.list("bob")).hasSize(1);
        }
    }

    @Test
    void theWriterPutsEventsOnDiskByItself() throws Exception {
        try (Recordings recordings = recordings(RecordingMode.WORKSHOP)) {
            byte[] bytes = "written by the writer".getBytes(StandardCharsets.UTF_8);
            recordings.tap("s1", "ada", null, 1).output(bytes, 0, bytes.length);
            Path segment = temp.resolve("recordings/ada/s1/t1-000001.events");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!(Files.exists(segment) && Files.readString(segment).contains("written by the writer"))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(segment).content().contains("written by the writer");
        }
    }

    @Test
    void anonymousRecordingsDoNotOutliveTheServer() throws IOException {
        Path leftover = temp.resolve("recordings").resolve(Recordings.ANONYMOUS).resolve("old");
        Files.createDirectories(leftover);
        try (Recordings recordings = recordings(RecordingMode.ALL)) {
            assertThat(leftover).doesNotExist();
        }
    }

    private static void assertNotFound(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOf(RecordingException.class)
                .extracting(e -> ((RecordingException) e).reason()).isEqualTo(RecordingException.Reason.NOT_FOUND);
    }
}
