package io.glassbox.lesson.load;

import io.glassbox.lesson.model.Lesson;
import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Every lesson found in the lesson directories ({@code <dir>/NN-slug/lesson.yaml}). A lesson that fails to
 * load is reported with its errors while the other lessons keep being served; a lesson that was good and
 * then broken by an edit stays live in its last good version, with the error shown beside it. With
 * {@link #watch()} the directories are watched and edited lessons reload by themselves.
 */
public final class LessonCatalog implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LessonCatalog.class.getName());
    private static final String FILE = "lesson.yaml";

    private final List<Path> dirs;
    private final LessonParser parser = new LessonParser();
    private final Map<String, Lesson> lessons = new TreeMap<>();
    private final Map<Path, List<LessonError>> errors = new TreeMap<>();
    private final Map<Path, List<LessonError>> prerequisiteErrors = new TreeMap<>();
    private final Map<Path, String> idsByFolder = new HashMap<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private WatchService watcher;
    private Thread watchThread;

    public LessonCatalog(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** Loads (or reloads) every lesson folder of every directory. */
    public synchronized LessonCatalog load() {
        for (Path dir : dirs) {
            for (Path folder : lessonFolders(dir)) {
                reload(folder);
            }
        }
        checkPrerequisites();
        return this;
    }

    public synchronized List<Lesson> lessons() {
        return List.copyOf(lessons.values());
    }

    public synchronized Optional<Lesson> lesson(String id) {
        return Optional.ofNullable(lessons.get(id));
    }

    /** Every current problem, by file; empty when all lessons load cleanly. */
    public synchronized List<LessonError> errors() {
        List<LessonError> all = new ArrayList<>();
        errors.values().forEach(all::addAll);
        prerequisiteErrors.values().forEach(all::addAll);
        return all;
    }

    /** The problems of one lesson's file (a lesson may be live in its last good version and still have some). */
    public synchronized List<LessonError> errors(String lessonId) {
        return errors().stream().filter(e -> lessonId.equals(idsByFolder.get(e.file().getParent()))).toList();
    }

    /** Called after every reload that changed something. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Reloads one lesson folder: on success it replaces the lesson, on failure its last good version stays. */
    synchronized void reload(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            String gone = idsByFolder.remove(folder);
            if (gone != null) {
                lessons.remove(gone);
            }
            errors.remove(file);
            return;
        }
        LessonParser.Result result = parser.parse(file);
        if (result.ok()) {
            lessons.put(result.lesson().id(), result.lesson());
            idsByFolder.put(folder, result.lesson().id());
            errors.remove(file);
        } else {
            idsByFolder.putIfAbsent(folder, folder.getFileName().toString());
            errors.put(file, result.errors());
            result.errors().forEach(e -> LOG.warning("lesson not loaded: " + e));
        }
    }

    /**
     * Prerequisites and the starting point must name loaded lessons, and starting points must not go round in a
     * circle; a violation is an error of the lesson that names it.
     */
    private void checkPrerequisites() {
        prerequisiteErrors.clear();
        for (Lesson lesson : lessons.values()) {
            for (String prerequisite : lesson.prerequisites()) {
                if (!lessons.containsKey(prerequisite)) {
                    referenceError(lesson, "prerequisites", "no lesson '" + prerequisite + "' is loaded");
                }
            }
            if (lesson.startsFrom() != null) {
                if (!lessons.containsKey(lesson.startsFrom())) {
                    referenceError(lesson, "starts-from", "no lesson '" + lesson.startsFrom() + "' is loaded");
                } else if (startingPoints(lesson).isEmpty()) {
                    referenceError(lesson, "starts-from", "the starting points go round in a circle back to '"
                            + lesson.id() + "'");
                }
            }
        }
    }

    private void referenceError(Lesson lesson, String field, String message) {
        Path file = idsByFolder.entrySet().stream().filter(e -> e.getValue().equals(lesson.id()))
                .map(e -> e.getKey().resolve(FILE)).findFirst().orElse(Path.of(lesson.id(), FILE));
        prerequisiteErrors.computeIfAbsent(file, f -> new ArrayList<>()).add(new LessonError(file,
                YamlLocations.lineOf(file, field), field, message));
    }

    /**
     * The lessons {@code lesson} starts from, the earliest first (lesson 13 starting from 12, which starts from
     * 11, answers [11, 12]); empty when there is none, or when they go round in a circle.
     */
    public synchronized List<Lesson> startingPoints(Lesson lesson) {
        List<Lesson> chain = new ArrayList<>();
        String next = lesson.startsFrom();
        while (next != null) {
            Lesson from = lessons.get(next);
            if (from == null || from.id().equals(lesson.id()) || chain.contains(from)) {
                return List.of();
            }
            chain.add(0, from);
            next = from.startsFrom();
        }
        return chain;
    }

    /** Watches the lesson directories and reloads folders whose files change. */
    public synchronized void watch() throws IOException {
        if (watcher != null) {
            return;
        }
        watcher = FileSystems.getDefault().newWatchService();
        for (Path dir : dirs) {
            if (Files.isDirectory(dir)) {
                dir.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE);
                for (Path folder : lessonFolders(dir)) {
                    registerFolder(folder);
                }
            }
        }
        watchThread = new Thread(this::watchLoop, "glassbox-lesson-watch");
        watchThread.setDaemon(true);
        watchThread.start();
    }

    private void registerFolder(Path folder) throws IOException {
        folder.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                StandardWatchEventKinds.ENTRY_DELETE);
    }

    private void watchLoop() {
        try {
            while (true) {
                WatchKey key = watcher.take();
                Thread.sleep(100); // editors write in bursts (temp file, rename, chmod): settle first
                List<Path> changed = new ArrayList<>();
                do {
                    Path watched = (Path) key.watchable();
                    boolean isRoot = dirs.contains(watched);
                    for (var event : key.pollEvents()) {
                        Path folder = isRoot && event.context() instanceof Path name ? watched.resolve(name) : watched;
                        if (isRoot && Files.isDirectory(folder)) {
                            registerFolder(folder);
                        }
                        if (!changed.contains(folder)) {
                            changed.add(folder);
                        }
                    }
                    key.reset();
                    key = watcher.poll();
                } while (key != null);
                synchronized (this) {
                    changed.forEach(this::reload);
                    checkPrerequisites();
                }
                listeners.forEach(Runnable::run);
            }
        } catch (InterruptedException | ClosedWatchServiceException stop) {
            // closing
        } catch (IOException e) {
            LOG.log(Level.WARNING, "lesson directories are no longer watched", e);
        }
    }

    private static List<Path> lessonFolders(Path dir) {
        List<Path> folders = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return folders;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, Files::isDirectory)) {
            entries.forEach(folders::add);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "cannot list lessons in " + dir, e);
        }
        folders.sort(Comparator.naturalOrder());
        return folders;
    }

    @Override
    public synchronized void close() throws IOException {
        if (watcher != null) {
            watcher.close();
            watchThread.interrupt();
        }
    }
}
