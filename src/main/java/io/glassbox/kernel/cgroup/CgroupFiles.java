package io.glassbox.kernel.cgroup;

import io.glassbox.kernel.CgroupEntry;
import io.glassbox.kernel.Errno;
import io.glassbox.kernel.KernelException;
import io.glassbox.kernel.KernelFiles;
import io.glassbox.kernel.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads and writes the small text files of a cgroup directory, shared by the v1 and v2 drivers. Every I/O
 * failure becomes a {@link KernelException} naming the file (and the value, for a write) and the errno.
 */
public final class CgroupFiles {

    private static final Map<String, String> DEFAULT_HINTS = Map.of(
            "ENOENT", "no such cgroup file: was the cgroup created, and is the controller enabled for it?",
            "EACCES", "the file belongs to another user: run as root or delegate the cgroup first",
            "EPERM", "not permitted: moving a process needs write access to the common ancestor's cgroup.procs too",
            "EINVAL", "the kernel rejected the value: check its unit and range");

    private CgroupFiles() {
    }

    /** The file's content without the trailing newline. */
    public static String read(Path file) {
        try {
            return KernelFiles.read(file).trim();
        } catch (IOException e) {
            throw failure("read", file.toString(), e, Map.of());
        }
    }

    public static Optional<String> readIfPresent(Path file) {
        try {
            return Optional.of(KernelFiles.read(file).trim());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw failure("read", file.toString(), e, Map.of());
        }
    }

    public static long readLong(Path file) {
        return parseLong(file, read(file));
    }

    /** A number, or 0 when the file does not exist (a counter this kernel does not keep). */
    public static long readLongOrZero(Path file) {
        return readIfPresent(file).map(text -> parseLong(file, text)).orElse(0L);
    }

    /** A limit in the v2 style, also used by v1's pids controller: "max" means none. */
    public static OptionalLong readLimit(Path file) {
        return parseLimit(file, read(file));
    }

    public static OptionalLong parseLimit(Path file, String text) {
        return text.equals("max") ? OptionalLong.empty() : OptionalLong.of(parseLong(file, text));
    }

    /**
     * A flat keyed file, "key value" per line (cpu.stat, memory.events, pids.events, memory.oom_control,
     * cgroup.events); empty when the file does not exist.
     */
    public static Map<String, Long> readKeyed(Path file) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (String line : readIfPresent(file).orElse("").split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length == 2) {
                values.put(words[0], parseLong(file, words[1]));
            }
        }
        return values;
    }

    /** One key of a flat keyed file; 0 when the key or the file is absent. */
    public static long readKeyed(Path file, String key) {
        return readKeyed(file).getOrDefault(key, 0L);
    }

    /** The space-separated words of a file such as {@code cgroup.controllers}; empty when it does not exist. */
    public static Set<String> readWords(Path file) {
        Set<String> words = new LinkedHashSet<>();
        for (String word : readIfPresent(file).orElse("").split("\\s+")) {
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        return words;
    }

    public static void write(Path file, String value) {
        write(file, value, Map.of());
    }

    /**
     * Writes {@code value} in one write(2): cgroupfs parses each write on its own. The file is never created:
     * a missing file means a missing cgroup or controller, and creating it would only make a plain file.
     *
     * @param hints what to tell the reader, by errno name, where the default hint would not help
     */
    public static void write(Path file, String value, Map<String, String> hints) {
        try {
            Files.writeString(file, value, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw failure("write", file + "=" + value, e, hints);
        }
    }

    /** The lines of {@code /proc/<pid>/cgroup}: which cgroup holds the process in each hierarchy. */
    public static List<CgroupEntry> procCgroups(ProcFs proc, long pid) {
        try {
            return proc.cgroups(pid);
        } catch (IOException e) {
            throw failure("read", proc.pidDir(pid).resolve("cgroup").toString(), e,
                    Map.of("ENOENT", "the process has exited"));
        }
    }

    /** A {@link KernelException} for {@code e}, with the caller's hint for its errno or the default one. */
    public static KernelException failure(String operation, String arguments, IOException e,
            Map<String, String> hints) {
        String errno = Errno.of(e);
        return KernelException.of(operation, arguments, e, hints.getOrDefault(errno, DEFAULT_HINTS.get(errno)));
    }

    private static long parseLong(Path file, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new KernelException("parse", file + ": '" + text + "'", "not a number",
                    "expected an integer in this cgroup file", e);
        }
    }
}
