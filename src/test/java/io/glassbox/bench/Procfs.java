package io.glassbox.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** What the benchmarks read about processes, from /proc (proc(5)) and jcmd. */
final class Procfs {

    private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

    private Procfs() {
    }

    /** {@code pid} and all its descendants, by the parent pid in every /proc/<pid>/stat. */
    static Set<Long> tree(long pid) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> all = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = p.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // The command (field 2) may hold spaces and parentheses: count fields after the last ')'.
                    long ppid = Long.parseLong(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[1]);
                    children.computeIfAbsent(ppid, k -> new ArrayList<>()).add(Long.parseLong(name));
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we listed
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<Long> tree = new HashSet<>();
        List<Long> todo = new ArrayList<>(List.of(pid));
        while (!todo.isEmpty()) {
            long next = todo.remove(todo.size() - 1);
            if (tree.add(next)) {
                todo.addAll(children.getOrDefault(next, List.of()));
            }
        }
        return tree;
    }

    /** Proportional set size in bytes, summed over {@code pids}, from /proc/<pid>/smaps_rollup. */
    static long pss(Set<Long> pids) {
        long total = 0;
        for (long pid : pids) {
            try {
                total += field(Files.readString(Path.of("/proc/" + pid + "/smaps_rollup")), "Pss") * 1024;
            } catch (IOException | IllegalStateException gone) {
                // ended, or a kernel thread without memory
            }
        }
        return total;
    }

    /** Threads of {@code pid}: entries of /proc/<pid>/task. */
    static int threads(long pid) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return (int) tasks.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User + system CPU seconds of {@code pid}, all threads (/proc/<pid>/stat fields 14 and 15, USER_HZ 100). */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One thread's name (its comm, 15 characters at most) and the nanoseconds it has run. */
    record ThreadTime(String name, long nanos) {
    }

    /**
     * Nanoseconds each of {@code pid}'s threads alive now has run, by thread id: the first field of each
     * /proc/pid/task/tid/schedstat (exact, unlike stat's 10 ms ticks).
     */
    static Map<Long, ThreadTime> threadTimes(long pid) {
        Map<Long, ThreadTime> byTid = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks) {
                try {
                    long ran = Long.parseLong(Files.readString(task.resolve("schedstat")).split(" ")[0]);
                    byTid.put(Long.parseLong(task.getFileName().toString()),
                            new ThreadTime(Files.readString(task.resolve("comm")).strip(), ran));
                } catch (NoSuchFileException ended) {
                    // the thread ended while we looked
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byTid;
    }

    /**
     * What threads ran between two {@link #threadTimes} of one process, by thread name (threads of one name summed):
     * a thread alive at both counts the difference, one started meanwhile all its time. A thread that ended meanwhile
     * is left out, its time in between too (summing by name at each end instead would take an ended pool thread's
     * whole life off its namesakes').
     */
    static Map<String, Long> ranBetween(Map<Long, ThreadTime> before, Map<Long, ThreadTime> after) {
        Map<String, Long> byName = new HashMap<>();
        after.forEach((tid, now) -> {
            ThreadTime then = before.get(tid);
            long ran = then == null || !then.name().equals(now.name()) ? now.nanos() : now.nanos() - then.nanos();
            byName.merge(now.name(), ran, Long::sum);
        });
        return byName;
    }

    /** Resident set size of {@code pid} in bytes (VmRSS). */
    static long rss(long pid) {
        try {
            return field(Files.readString(Path.of("/proc/" + pid + "/status")), "VmRSS") * 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Heap used by the JVM {@code pid} after a full GC, in bytes (jcmd GC.run, GC.heap_info). */
    static long heapAfterGc(long pid) {
        run("jcmd", Long.toString(pid), "GC.run");
        String info = run("jcmd", Long.toString(pid), "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no heap \"used\" in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** A kB field of a /proc file such as status or smaps_rollup. */
    static long field(String text, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(text);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " field");
        }
        return Long.parseLong(m.group(1));
    }

    /** MemTotal and MemAvailable of the machine in bytes. */
    static long meminfo(String name) {
        try {
            return field(Files.readString(Path.of("/proc/meminfo")), name) * 1024;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The 1-minute load average. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    /** The command line of {@code pid}, NUL-separated arguments. */
    static List<String> commandLine(long pid) {
        try {
            return List.of(new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
                    .split("\0"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a short command and returns its standard output (stderr merged); throws if it fails. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
