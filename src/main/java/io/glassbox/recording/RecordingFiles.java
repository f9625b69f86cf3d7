package io.glassbox.recording;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A session's recording directory: {@code t<tab>-<sequence>.events} segment files of event lines (six-digit
 * sequence, from 1), {@code t<tab>.dropped} with the events and bytes dropped so far, and {@code recording.json}
 * with whose session it was. Turns the segments of one terminal back into one asciicast file.
 */
final class RecordingFiles {

    static final String META = "recording.json";
    static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
    private static final Pattern SEGMENT = Pattern.compile("t(\\d+)-(\\d{6})\\.events");
    private static final ObjectMapper JSON = new ObjectMapper();

    private RecordingFiles() {
    }

    /** One segment file: which terminal, its place in the sequence, and what it holds so far. */
    static final class Segment {
        private final int tab;
        private final int sequence;
        private final Path file;
        private long bytes;
        private long events;

        Segment(int tab, int sequence, Path file) {
            this.tab = tab;
            this.sequence = sequence;
            this.file = file;
        }

        void added(long length) {
            bytes += length;
            events++;
        }

        int tab() {
            return tab;
        }

        int sequence() {
            return sequence;
        }

        Path file() {
            return file;
        }

        long bytes() {
            return bytes;
        }

        long events() {
            return events;
        }
    }

    static Path segment(Path dir, int tab, int sequence) {
        return dir.resolve(String.format("t%d-%06d.events", tab, sequence));
    }

    private static Path dropped(Path dir, int tab) {
        return dir.resolve("t" + tab + ".dropped");
    }

    static void addDropped(Path dir, int tab, long events, long bytes) throws IOException {
        long[] so = dropped(dir, tab, true);
        Files.writeString(dropped(dir, tab), (so[0] + events) + " " + (so[1] + bytes) + "\n");
    }

    private static long[] dropped(Path dir, int tab, boolean missingIsZero) throws IOException {
        try {
            String[] parts = Files.readString(dropped(dir, tab)).strip().split(" ");
            return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
        } catch (NoSuchFileException e) {
            return new long[] {0, 0};
        }
    }

    /** The terminals that have a recording in {@code dir}, in order. */
    static List<Integer> tabs(Path dir) throws IOException {
        TreeSet<Integer> tabs = new TreeSet<>();
        for (Path file : list(dir)) {
            Matcher m = SEGMENT.matcher(file.getFileName().toString());
            if (m.matches()) {
                tabs.add(Integer.parseInt(m.group(1)));
            }
        }
        return List.copyOf(tabs);
    }

    /** Bytes on disk, all terminals together. */
    static long size(Path dir) throws IOException {
        long size = 0;
        for (Path file : list(dir)) {
            if (SEGMENT.matcher(file.getFileName().toString()).matches()) {
                size += Files.size(file);
            }
        }
        return size;
    }

    /** The segments of terminal {@code tab}, oldest first. */
    private static List<Path> segments(Path dir, int tab) throws IOException {
        List<Path> mine = new ArrayList<>();
        for (Path file : list(dir)) {
            Matcher m = SEGMENT.matcher(file.getFileName().toString());
            if (m.matches() && Integer.parseInt(m.group(1)) == tab) {
                mine.add(file);
            }
        }
        mine.sort(null); // the six-digit sequence sorts by name
        return mine;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }

    /**
     * Terminal {@code tab}'s recording as one asciicast: the header (with the size at the first kept event), then,
     * when older events were dropped, a marker saying so at the first kept event, then the events.
     *
     * @throws NoSuchFileException when the terminal has no recording here
     */
    static Replay read(Path dir, int tab, RecordingMeta meta) throws IOException {
        Instant started = Instant.parse(meta.started());
        String title = (meta.lesson() == null ? "free sandbox" : meta.lesson()) + ", terminal " + tab;
        List<Path> files = segments(dir, tab);
        if (files.isEmpty()) {
            throw new NoSuchFileException(dir.resolve("t" + tab).toString());
        }
        List<String> lines = new ArrayList<>();
        for (Path file : files) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (Asciicast.micros(line) >= 0) {
                    lines.add(line); // a line a crash cut short is left out
                }
            }
        }
        long[] dropped = dropped(dir, tab, true);
        String size = lines.isEmpty() || Asciicast.code(lines.get(0)) != Asciicast.RESIZE ? "80x24" : text(lines.get(0));
        int x = size.indexOf('x');
        StringBuilder out = new StringBuilder(Asciicast.header(Integer.parseInt(size.substring(0, x)),
                Integer.parseInt(size.substring(x + 1)), started, dropped[0] > 0 ? title + " (oldest part dropped)" : title));
        out.append('\n');
        List<Marker> markers = new ArrayList<>();
        if (dropped[0] > 0) {
            String label = "recording: the oldest " + dropped[0] + " events (" + dropped[1]
                    + " bytes) were dropped to keep the session's recording within its size limit";
            long at = lines.isEmpty() ? 0 : Asciicast.micros(lines.get(0));
            Asciicast.event(out, at, Asciicast.MARKER, label);
            markers.add(Marker.of(0, at, label));
        }
        for (String line : lines) {
            out.append(line).append('\n');
            if (Asciicast.code(line) == Asciicast.MARKER) {
                markers.add(Marker.of(markers.size(), Asciicast.micros(line), text(line)));
            }
        }
        return new Replay(out.toString(), List.copyOf(markers), dropped[0], dropped[1]);
    }

    /** The data string of an event line. */
    private static String text(String line) {
        try {
            return JSON.readTree(line).get(2).asText();
        } catch (JsonProcessingException e) {
            return "";
        }
    }

    static void writeMeta(Path dir, RecordingMeta meta) throws IOException {
        Path temporary = dir.resolve(META + ".new");
        JSON.writeValue(temporary.toFile(), meta);
        Files.move(temporary, dir.resolve(META), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static RecordingMeta readMeta(Path dir) throws IOException {
        try (java.io.InputStream in = Files.newInputStream(dir.resolve(META))) {
            return JSON.readValue(in, RecordingMeta.class);
        }
    }
}
