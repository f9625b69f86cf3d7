package io.glassbox.recording;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The recording of one session's terminals, on disk in its own directory ({@link RecordingFiles} names the files).
 * Each terminal's events go to a sequence of segment files; every segment starts with the terminal's size, so a
 * replay can start at any of them. All segments of the session count against one cap: past it, the oldest segment
 * is deleted and counted as dropped. The terminals only fill {@link TabRecorder}s in memory; {@link #drain()}, on
 * the writer thread (or a reader who wants everything so far), encodes and appends.
 */
final class SessionRecording {

    private final RecordingMeta meta;
    private final Path dir;
    private final RecordingSettings settings;
    private final long startNanos;
    private final Runnable wake;
    private final Runnable drainSoon;
    private final Map<Integer, TabRecorder> tabs = new TreeMap<>();
    private final Map<Integer, Open> open = new TreeMap<>();
    private final Map<Integer, Integer> lastSequence = new TreeMap<>();
    private final ArrayDeque<RecordingFiles.Segment> segments = new ArrayDeque<>();
    private final EventLine line = new EventLine();
    private long total;
    private boolean created;
    private boolean closed;

    /** The segment a terminal writes to now. */
    private record Open(RecordingFiles.Segment segment, OutputStream out) {
    }

    /**
     * @param startNanos {@link System#nanoTime()} at the recording's time 0 (when it was created)
     * @param wake asks the writer to drain this recording at its next round (something was recorded)
     * @param drainSoon asks the writer to drain this recording now (output is piling up)
     */
    SessionRecording(RecordingMeta meta, Path dir, RecordingSettings settings, long startNanos, Runnable wake,
            Runnable drainSoon) {
        this.wake = wake;
        this.meta = meta;
        this.dir = dir;
        this.settings = settings;
        this.startNanos = startNanos;
        this.drainSoon = drainSoon;
    }

    RecordingMeta meta() {
        return meta;
    }

    /** Creates the directory (readable by the server only: a recording is the learner's) and its description. */
    synchronized void create() throws IOException {
        if (created) {
            return;
        }
        Files.createDirectories(dir.getParent());
        Files.createDirectory(dir, RecordingFiles.PRIVATE);
        RecordingFiles.writeMeta(dir, meta);
        created = true;
    }

    Path dir() {
        return dir;
    }

    /** The tap of terminal {@code tab}; one per tab. */
    synchronized TabRecorder tab(int tab) {
        return tabs.computeIfAbsent(tab, t -> new TabRecorder(t, settings.input(), settings.maxBytes(), wake, drainSoon));
    }

    /** A marker with {@code label} now, in every terminal of the session. */
    synchronized void mark(String label) {
        tabs.values().forEach(tab -> tab.mark(label));
    }

    /** Writes what the terminals recorded since the last drain, then drops the oldest segments over the cap. */
    synchronized void drain() throws IOException {
        if (closed) {
            return;
        }
        create();
        for (TabRecorder tab : tabs.values()) {
            TabRecorder.Taken taken = tab.take();
            if (taken.skippedBytes() > 0) {
                write(tab, System.nanoTime(), Asciicast.MARKER, "recording: " + taken.skippedBytes()
                        + " bytes of output were left out here (a flood: more than a recording keeps)");
            }
            for (TabRecorder.Event event : taken.events()) {
                if (event.bytes() == null) {
                    if (event.code() == Asciicast.RESIZE) {
                        tab.sized(event.text());
                    }
                    write(tab, event.nanos(), event.code(), event.text());
                    continue;
                }
                TabRecorder.Chunk chunk = tab.whole(event);
                if (chunk.length() == 0) {
                    continue;
                }
                if (EventLine.isUtf8(chunk.bytes(), 0, chunk.length())) {
                    write(tab, event.nanos(), line.event(micros(event.nanos()), event.code(), chunk.bytes(), 0,
                            chunk.length()));
                } else { // not UTF-8 (a binary file cat'ed): decoded with replacement characters, as a terminal shows it
                    write(tab, event.nanos(), event.code(),
                            new String(chunk.bytes(), 0, chunk.length(), StandardCharsets.UTF_8));
                }
            }
            Open current = open.get(tab.tab());
            if (current != null) {
                current.out().flush();
            }
        }
        dropOldest();
    }

    private long micros(long nanos) {
        return Math.max(0, (nanos - startNanos) / 1000);
    }

    private void write(TabRecorder tab, long nanos, char code, String data) throws IOException {
        write(tab, nanos, line.event(micros(nanos), code, data));
    }

    /** Appends the event in {@code built} (this recording's line) to the terminal's segment, starting one if due. */
    private void write(TabRecorder tab, long nanos, EventLine built) throws IOException {
        Open current = open.get(tab.tab());
        if (current == null || current.segment().bytes() >= settings.segmentBytes()) {
            byte[] event = built.copy();
            current = startSegment(tab, micros(nanos)); // reuses the line for the segment's size event
            append(current, event, event.length);
            return;
        }
        append(current, built);
    }

    /** Ends the terminal's current segment and starts the next with the terminal's size at this moment. */
    private Open startSegment(TabRecorder tab, long micros) throws IOException {
        Open previous = open.remove(tab.tab());
        if (previous != null) {
            previous.out().close();
        }
        int sequence = lastSequence.merge(tab.tab(), 1, Integer::sum);
        Path file = RecordingFiles.segment(dir, tab.tab(), sequence);
        RecordingFiles.Segment segment = new RecordingFiles.Segment(tab.tab(), sequence, file);
        Open next = new Open(segment, new BufferedOutputStream(Files.newOutputStream(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE), 64 * 1024));
        open.put(tab.tab(), next);
        segments.add(segment);
        append(next, line.event(micros, Asciicast.RESIZE, tab.size()));
        return next;
    }

    private void append(Open to, EventLine built) throws IOException {
        built.writeTo(to.out());
        to.segment().added(built.length());
        total += built.length();
    }

    private void append(Open to, byte[] bytes, int length) throws IOException {
        to.out().write(bytes, 0, length);
        to.segment().added(length);
        total += length;
    }

    /** Over the cap, the oldest segment (of any terminal) goes; one always stays, however large. */
    private void dropOldest() throws IOException {
        while (total > settings.maxBytes() && segments.size() > 1) {
            RecordingFiles.Segment oldest = segments.removeFirst();
            Open current = open.get(oldest.tab());
            if (current != null && current.segment() == oldest) {
                open.remove(oldest.tab()).out().close();
            }
            Files.deleteIfExists(oldest.file());
            total -= oldest.bytes();
            RecordingFiles.addDropped(dir, oldest.tab(), oldest.events(), oldest.bytes());
        }
    }

    /** Everything so far, on disk. */
    synchronized Replay read(int tab) throws IOException {
        drain();
        return RecordingFiles.read(dir, tab, meta);
    }

    synchronized List<Integer> tabs() {
        return List.copyOf(tabs.keySet());
    }

    /** Writes what is left and closes the files, noting when it ended; later events are ignored. */
    synchronized void close(Instant ended) throws IOException {
        tabs.values().forEach(TabRecorder::close);
        try {
            drain();
        } finally {
            closed = true;
            for (Open current : open.values()) {
                current.out().close();
            }
            open.clear();
        }
        if (created) {
            RecordingFiles.writeMeta(dir, meta.endedAt(ended.toString()));
        }
    }
}
