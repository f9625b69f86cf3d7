package io.glassbox.recording;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The asciicast writer: the file's format, markers, input privacy, the size cap and what it says when it drops. */
class SessionRecordingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant STARTED = Instant.parse("2026-12-05T05:00:00Z");

    @TempDir
    Path temp;

    private SessionRecording recording(long maxBytes, boolean input) {
        RecordingMeta meta = new RecordingMeta("s1", "learner1", "02-uts-namespace", STARTED.toString(), null);
        return new SessionRecording(meta, temp.resolve("learner1").resolve("s1"),
                new RecordingSettings(RecordingMode.WORKSHOP, maxBytes, input), System.nanoTime(), () -> { }, () -> { });
    }

    private static void print(TabRecorder tab, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        tab.output(bytes, 0, bytes.length);
    }

    /** The served file as parsed JSON lines: the header, then the events. */
    private static List<JsonNode> lines(Replay replay) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : replay.asciicast().split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void anAsciicastV2WithTheSizeOutputAndResizesInOrder() throws IOException {
        SessionRecording recording = recording(1 << 20, false);
        TabRecorder tab = recording.tab(1);
        tab.resize(100, 30);
        print(tab, "root@lab:~# ");
        print(tab, "echo \"hi\"\\\r\n\u001b[1mhi\u001b[0m\t\n");
        tab.resize(120, 40);
        recording.drain();

        List<JsonNode> lines = lines(recording.read(1));
        JsonNode header = lines.get(0);
        assertThat(header.get("version").asInt()).isEqualTo(2);
        assertThat(header.get("width").asInt()).isEqualTo(100);
        assertThat(header.get("height").asInt()).isEqualTo(30);
        assertThat(header.get("timestamp").asLong()).isEqualTo(STARTED.getEpochSecond());
        assertThat(header.get("title").asText()).contains("02-uts-namespace").contains("terminal 1");
        List<JsonNode> events = lines.subList(1, lines.size());
        assertThat(events).extracting(e -> e.get(1).asText()).containsExactly("r", "r", "o", "o", "r");
        assertThat(events.get(2).get(2).asText()).isEqualTo("root@lab:~# ");
        assertThat(events.get(3).get(2).asText()).isEqualTo("echo \"hi\"\\\r\n\u001b[1mhi\u001b[0m\t\n");
        assertThat(events.get(4).get(2).asText()).isEqualTo("120x40");
        double previous = 0;
        for (JsonNode event : events) {
            assertThat(event.size()).isEqualTo(3);
            assertThat(event.get(0).isNumber()).isTrue();
            assertThat(event.get(0).asDouble()).isGreaterThanOrEqualTo(previous);
            previous = event.get(0).asDouble();
        }
        assertThat(recording.read(1).asciicast()).endsWith("]\n").doesNotContain("\u001b");
    }

    @Test
    void aCharacterSplitAcrossTwoReadsIsWrittenWhole() throws IOException {
        SessionRecording recording = recording(1 << 20, false);
        TabRecorder tab = recording.tab(1);
        byte[] bytes = "añ€😀".getBytes(StandardCharsets.UTF_8);
        for (int cut = 1; cut < bytes.length; cut++) {
            tab.output(bytes, 0, cut);
            tab.output(bytes, cut, bytes.length - cut);
        }
        recording.drain();

        StringBuilder all = new StringBuilder();
        for (JsonNode event : lines(recording.read(1)).subList(1, lines(recording.read(1)).size())) {
            if (event.get(1).asText().equals("o")) {
                all.append(event.get(2).asText());
            }
        }
        assertThat(all.toString()).isEqualTo("añ€😀".repeat(bytes.length - 1)).doesNotContain("\uFFFD");
    }

    @Test
    void keystrokesAreLeftOutUnlessAskedFor() throws IOException {
        SessionRecording quiet = recording(1 << 20, false);
        quiet.tab(1).input("secret\r".getBytes(StandardCharsets.UTF_8));
        print(quiet.tab(1), "$ ");
        quiet.drain();
        assertThat(quiet.read(1).asciicast()).doesNotContain("secret").doesNotContain("\"i\"");

        Files.createDirectories(temp.resolve("other"));
        RecordingMeta meta = new RecordingMeta("s2", "learner1", null, STARTED.toString(), null);
        SessionRecording typed = new SessionRecording(meta, temp.resolve("other").resolve("s2"),
                new RecordingSettings(RecordingMode.WORKSHOP, 1 << 20, true), System.nanoTime(), () -> { }, () -> { });
        typed.tab(1).input("ls\r".getBytes(StandardCharsets.UTF_8));
        typed.drain();
        assertThat(lines(typed.read(1)).get(2).toString()).contains("\"i\"").contains("ls\\r");
    }

    @Test
    void markersGoIntoEveryTerminalAndAreListedWithWhatTheySay() throws IOException {
        SessionRecording recording = recording(1 << 20, false);
        print(recording.tab(1), "one");
        print(recording.tab(2), "two");
        recording.mark(Marker.checked("set-hostname", false, false));
        recording.mark(Marker.hintShown("set-hostname", 1));
        recording.mark(Marker.solveShown("set-hostname"));
        recording.mark(Marker.checked("set-hostname", true, true));
        recording.drain();

        for (int tab : List.of(1, 2)) {
            Replay replay = recording.read(tab);
            assertThat(replay.markers()).extracting(Marker::index).containsExactly(0, 1, 2, 3);
            assertThat(replay.markers()).extracting(Marker::kind)
                    .containsExactly("check-failed", "hint", "show-me", "check-passed");
            assertThat(replay.markers()).extracting(Marker::stage).containsOnly("set-hostname");
            assertThat(replay.markers().get(1).hint()).isEqualTo(1);
            assertThat(replay.markers().get(3).label()).isEqualTo("check passed (auto): set-hostname");
            assertThat(replay.markers()).extracting(Marker::trigger).containsExactly("manual", null, null, "auto");
            long inFile = lines(replay).stream().filter(l -> l.isArray() && l.get(1).asText().equals("m")).count();
            assertThat(inFile).isEqualTo(4);
        }
    }

    @Test
    void overTheCapTheOldestEventsGoAndTheFileSaysSoAtItsStart() throws IOException {
        long cap = RecordingSettings.MIN_BYTES;
        SessionRecording recording = recording(cap, false);
        TabRecorder tab = recording.tab(1);
        for (int i = 0; i < 2000; i++) {
            print(tab, String.format("line %05d of a long listing%n", i));
            if (i == 10) {
                recording.mark(Marker.checked("early", false, false));
            }
            if (i % 100 == 99) {
                recording.drain();
            }
        }
        recording.mark(Marker.checked("late", true, false));
        recording.drain();

        assertThat(RecordingFiles.size(recording.dir())).isLessThanOrEqualTo(cap);
        Replay replay = recording.read(1);
        assertThat(replay.droppedEvents()).isPositive();
        assertThat(replay.droppedBytes()).isPositive();
        List<JsonNode> lines = lines(replay);
        assertThat(lines.get(0).get("title").asText()).contains("oldest part dropped");
        JsonNode first = lines.get(1);
        assertThat(first.get(1).asText()).isEqualTo("m");
        assertThat(first.get(2).asText()).contains("oldest " + replay.droppedEvents() + " events").contains("dropped");
        assertThat(first.get(0).asDouble()).isEqualTo(lines.get(2).get(0).asDouble());
        assertThat(lines.get(2).get(1).asText()).as("each segment starts with the size").isEqualTo("r");
        assertThat(replay.asciicast()).contains("line 01999").doesNotContain("line 00000").doesNotContain("early");
        assertThat(replay.markers()).extracting(Marker::kind).containsExactly("note", "check-passed");
        assertThat(replay.markers()).extracting(Marker::index).containsExactly(0, 1);
    }

    @Test
    void aFloodIsRecordedUpToItsRateAndTheRestIsMarkedLeftOut() throws IOException {
        SessionRecording recording = recording(4L << 20, false);
        TabRecorder tab = recording.tab(1);
        byte[] chunk = "y\n".repeat(8 * 1024).getBytes(StandardCharsets.UTF_8); // 16 KiB
        int chunks = 640; // 10 MiB at once, as `yes` prints it
        for (int i = 0; i < chunks; i++) {
            tab.output(chunk, 0, chunk.length);
            if (i % 64 == 63) {
                recording.drain();
            }
        }
        recording.drain();

        String cast = recording.read(1).asciicast();
        long recorded = cast.chars().filter(c -> c == 'y').count();
        assertThat(recorded * 2).as("output recorded: about the burst, " + TabRecorder.burstBytes(4L << 20))
                .isBetween(TabRecorder.burstBytes(4L << 20) - chunk.length, TabRecorder.burstBytes(4L << 20) + 2L * chunk.length);
        assertThat(cast).contains("bytes of output were left out here (a flood: more than a recording keeps)");
    }

    @Test
    void theCapCountsEveryTerminalOfTheSession() throws IOException {
        long cap = RecordingSettings.MIN_BYTES;
        SessionRecording recording = recording(cap, false);
        for (int i = 0; i < 1000; i++) {
            print(recording.tab(1 + i % 3), String.format("output %05d of some terminal%n", i));
            if (i % 50 == 49) {
                recording.drain();
            }
        }
        recording.drain();
        assertThat(RecordingFiles.size(recording.dir())).isLessThanOrEqualTo(cap);
        assertThat(recording.read(1).asciicast()).contains("output 00999");
    }

    @Test
    void afterCloseNothingMoreIsRecordedAndTheEndIsNoted() throws IOException {
        SessionRecording recording = recording(1 << 20, false);
        TabRecorder tab = recording.tab(1);
        print(tab, "before");
        recording.close(STARTED.plusSeconds(60));
        print(tab, "after");
        recording.drain();

        Replay replay = RecordingFiles.read(recording.dir(), 1, RecordingFiles.readMeta(recording.dir()));
        assertThat(replay.asciicast()).contains("before").doesNotContain("after");
        assertThat(RecordingFiles.readMeta(recording.dir()).ended()).isEqualTo("2026-12-05T05:01:00Z");
        assertThatThrownBy(() -> RecordingFiles.read(recording.dir(), 2, RecordingFiles.readMeta(recording.dir())))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void onlyTheServerMayReadARecordingsDirectory() throws IOException {
        SessionRecording recording = recording(1 << 20, false);
        print(recording.tab(1), "x");
        recording.drain();
        assertThat(Files.getPosixFilePermissions(recording.dir()))
                .containsExactlyInAnyOrderElementsOf(java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        try (Stream<Path> files = Files.list(recording.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).contains("recording.json", "t1-000001.events");
        }
    }

    @Test
    void outputThatIsNotUtf8IsWrittenAsATerminalShowsIt() throws IOException {
        SessionRecording recording = recording(1 << 20, false);
        byte[] binary = {'a', (byte) 0xff, 'b', (byte) 0xc0, (byte) 0x80, 'c', (byte) 0xed, (byte) 0xa0, (byte) 0x80, 'd'};
        recording.tab(1).output(binary, 0, binary.length);
        recording.drain();
        JsonNode event = lines(recording.read(1)).get(2);
        assertThat(event.get(2).asText()).startsWith("a\uFFFDb").contains("c").endsWith("d");
        assertThat(recording.read(1).asciicast()).isEqualTo(new String(
                recording.read(1).asciicast().getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void utf8IsToldFromWhatIsNot() {
        for (String valid : List.of("", "ascii", "añ€😀", "\u0000\u007f", "\uD7FF\uE000\uFFFF\uD83D\uDE00")) {
            byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
            assertThat(EventLine.isUtf8(bytes, 0, bytes.length)).as(valid).isTrue();
        }
        List<byte[]> invalid = List.of(new byte[] {(byte) 0x80}, new byte[] {(byte) 0xc0, (byte) 0xaf},
                new byte[] {(byte) 0xe0, (byte) 0x80, (byte) 0xaf}, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
                new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, new byte[] {(byte) 0xf5, 1, 1, 1},
                new byte[] {'a', (byte) 0xe2, (byte) 0x82}, new byte[] {(byte) 0xe2, 'a', 'b'});
        for (byte[] bytes : invalid) {
            assertThat(EventLine.isUtf8(bytes, 0, bytes.length)).as(java.util.Arrays.toString(bytes)).isFalse();
        }
    }

    @Test
    void wholeCharactersStopBeforeAnIncompleteOne() {
        byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
        assertThat(Asciicast.wholeCharacters(euro, 1)).isZero();
        assertThat(Asciicast.wholeCharacters(euro, 2)).isZero();
        assertThat(Asciicast.wholeCharacters(euro, 3)).isEqualTo(3);
        byte[] ascii = "abc".getBytes(StandardCharsets.UTF_8);
        assertThat(Asciicast.wholeCharacters(ascii, 3)).isEqualTo(3);
        byte[] emoji = "a😀".getBytes(StandardCharsets.UTF_8);
        assertThat(Asciicast.wholeCharacters(emoji, 4)).isEqualTo(1);
        assertThat(Asciicast.wholeCharacters(emoji, 5)).isEqualTo(5);
    }
}
