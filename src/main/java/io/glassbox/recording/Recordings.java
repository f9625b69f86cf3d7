package io.glassbox.recording;

import io.glassbox.session.FastForwardStatus;
import io.glassbox.session.Session;
import io.glassbox.session.SessionEvents;
import io.glassbox.session.SessionTaps;
import io.glassbox.session.StageReport;
import io.glassbox.terminal.TerminalTap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Every recording of the server: taps the terminals of the sessions {@link RecordingSettings#mode()} says to record,
 * marks checks, hints and Show me in them, and answers who may replay what. Recordings live in
 * {@code <root>/<learner id>/<session id>/}, so a workshop's learners' recordings go with the workshop
 * ({@link #forget}); an anonymous session's (only with mode {@code all}) are kept under {@code _anonymous} while it
 * runs and deleted when it ends, as nobody could ask for them afterwards.
 *
 * <p>One writer thread serves all recordings: a recording's first event after a drain asks it to drain that recording
 * {@link #ROUND} later (at once when output piles up), so the terminals never wait on a disk and an idle terminal
 * never wakes the writer.
 */
public final class Recordings implements SessionTaps, SessionEvents, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Recordings.class);
    static final Duration ROUND = Duration.ofMillis(250);
    /** Output a terminal prints as its session ends still belongs in the recording. */
    private static final Duration LAST_WORDS = Duration.ofSeconds(1);
    static final String ANONYMOUS = "_anonymous";
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private final Path root;
    private final RecordingSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService writer;
    private final Map<String, SessionRecording> live = new ConcurrentHashMap<>();

    /**
     * @param writerThread makes the one writer thread; the caller picks its priority, as a thread started lazily
     *     would otherwise take the priority of whichever thread first asked it to drain
     */
    public Recordings(Path root, RecordingSettings settings, Clock clock, ThreadFactory writerThread)
            throws IOException {
        this.root = root;
        this.settings = settings;
        this.clock = clock;
        if (!Files.isDirectory(root)) {
            Files.createDirectories(root.getParent());
            Files.createDirectory(root, RecordingFiles.PRIVATE);
        }
        deleteTree(root.resolve(ANONYMOUS)); // anonymous sessions do not outlive the server that ran them
        this.writer = Executors.newSingleThreadScheduledExecutor(writerThread);
    }

    public RecordingSettings settings() {
        return settings;
    }

    // --- recording ------------------------------------------------------------------------------------------

    @Override
    public TerminalTap tap(String session, String owner, String lesson, int tab) {
        if (!settings.mode().records(owner) || !ID.matcher(session).matches()
                || owner != null && !ID.matcher(owner).matches()) {
            return TerminalTap.NONE;
        }
        SessionRecording recording = live.computeIfAbsent(session, id -> {
            RecordingMeta meta = new RecordingMeta(id, owner, lesson, clock.instant().toString(), null);
            AtomicBoolean due = new AtomicBoolean();
            Runnable wake = () -> {
                if (due.compareAndSet(false, true)) {
                    writer.schedule(() -> {
                        due.set(false);
                        drain(id);
                    }, ROUND.toMillis(), TimeUnit.MILLISECONDS);
                }
            };
            SessionRecording created = new SessionRecording(meta, dir(owner, id), settings, System.nanoTime(), wake,
                    () -> writer.execute(() -> drain(id)));
            writer.execute(() -> drain(id)); // creates its directory off the caller's thread
            return created;
        });
        return recording.tab(tab);
    }

    @Override
    public void checked(Session session, StageReport report) {
        mark(session, Marker.checked(report.stage(), report.passed(), report.auto()));
    }

    @Override
    public void hintShown(Session session, String lesson, String stage, int hint) {
        mark(session, Marker.hintShown(stage, hint));
    }

    @Override
    public void solveShown(Session session, String lesson, String stage) {
        mark(session, Marker.solveShown(stage));
    }

    /** A fast-forward's start and end: the server typed what the replay shows before the learner could. */
    @Override
    public void fastForwarded(Session session, FastForwardStatus status) {
        if (status.running() && status.done() == 0) {
            mark(session, Marker.fastForward("replaying " + status.total() + " passed stages"));
        } else if (!status.running()) {
            mark(session, Marker.fastForward(status.phase() + (status.message() == null ? "" : " (" + status.message() + ")")));
        }
    }

    private void mark(Session session, String label) {
        SessionRecording recording = live.get(session.id());
        if (recording != null) {
            recording.mark(label);
        }
    }

    /** The session is ending: its recording closes once its terminals' last output is in. */
    public void ended(Session session) {
        if (live.containsKey(session.id())) {
            writer.schedule(() -> finish(session.id()), LAST_WORDS.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void finish(String session) {
        SessionRecording recording = live.remove(session);
        if (recording == null) {
            return;
        }
        try {
            recording.close(clock.instant());
            if (recording.meta().owner() == null) {
                deleteTree(recording.dir());
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf(e, "closing the recording of session %s failed", session);
        }
    }

    private void drain(String session) {
        SessionRecording recording = live.get(session);
        if (recording == null) {
            return;
        }
        try {
            recording.drain();
        } catch (IOException | RuntimeException e) {
            // A full disk must not stop the terminal: this recording stops instead, and says why in the log.
            live.remove(session);
            LOG.warnf(e, "recording of session %s stopped: writing it failed", session);
            try {
                recording.close(clock.instant());
            } catch (IOException | RuntimeException ignored) {
                // already reported
            }
        }
    }

    // --- replaying ------------------------------------------------------------------------------------------

    /** The recorded sessions of workshop learner {@code owner}, newest first. */
    public List<RecordingSummary> list(String owner) {
        Path mine = root.resolve(checked(owner));
        for (SessionRecording recording : live.values()) {
            if (owner.equals(recording.meta().owner())) {
                drain(recording.meta().session()); // on disk up to now (and created), so it is listed in full
            }
        }
        if (!Files.isDirectory(mine)) {
            return List.of();
        }
        List<RecordingSummary> all = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(mine)) {
            for (Path dir : dirs.toList()) {
                summary(dir).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw unreadable(owner, e);
        }
        all.sort(Comparator.comparing(RecordingSummary::startedAt).reversed());
        return all;
    }

    private java.util.Optional<RecordingSummary> summary(Path dir) {
        try {
            RecordingMeta meta = RecordingFiles.readMeta(dir);
            SessionRecording recording = live.get(meta.session());
            return java.util.Optional.of(new RecordingSummary(meta.session(), meta.lesson(), meta.started(),
                    meta.ended(), recording != null, RecordingFiles.tabs(dir), RecordingFiles.size(dir)));
        } catch (IOException e) {
            return java.util.Optional.empty(); // being created or deleted right now
        }
    }

    /** Terminal {@code tab} of {@code owner}'s session {@code session}: the asciicast and its markers. */
    public Replay cast(String owner, String session, int tab) {
        Path dir = root.resolve(checked(owner)).resolve(checked(session));
        SessionRecording recording = live.get(session);
        try {
            if (recording != null && owner.equals(recording.meta().owner())) {
                return recording.read(tab);
            }
            return RecordingFiles.read(dir, tab, RecordingFiles.readMeta(dir));
        } catch (NoSuchFileException e) {
            throw notFound(session, tab);
        } catch (IOException | RuntimeException e) {
            throw unreadable(session, e);
        }
    }

    /** Deletes every recording of workshop learner {@code owner} (their workshop is being deleted). */
    public void forget(String owner) {
        Path mine = root.resolve(checked(owner));
        live.values().removeIf(recording -> {
            if (owner.equals(recording.meta().owner())) {
                try {
                    recording.close(clock.instant());
                } catch (IOException | RuntimeException e) {
                    LOG.debugf(e, "closing a recording to delete it");
                }
                return true;
            }
            return false;
        });
        try {
            deleteTree(mine);
        } catch (IOException e) {
            throw new UncheckedIOException("deleting the recordings in " + mine + " failed", e);
        }
    }

    private Path dir(String owner, String session) {
        return root.resolve(owner == null ? ANONYMOUS : owner).resolve(session);
    }

    private static String checked(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RecordingException(RecordingException.Reason.NOT_FOUND, "There is no recording \"" + id + "\".", null);
        }
        return id;
    }

    private static RecordingException notFound(String session, int tab) {
        return new RecordingException(RecordingException.Reason.NOT_FOUND, "There is no recording of terminal " + tab
                + " of session " + session + " for you. GET the list of recordings to see which exist.", null);
    }

    private static RecordingException unreadable(String what, Exception e) {
        return new RecordingException(RecordingException.Reason.UNREADABLE, "The recording " + what
                + " could not be read (" + e.getMessage() + "); the server log has the details.", e);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** Writes and closes every live recording (the server is stopping). */
    @Override
    public void close() {
        writer.shutdownNow();
        for (String session : List.copyOf(live.keySet())) {
            finish(session);
        }
    }
}
