package io.glassbox.attack;

import io.glassbox.kernel.KernelFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/** What the machine itself shows, read by the test JVM outside every lab host: /proc, /sys, files. */
final class Outside {

    private static final Path PROC = Path.of("/proc");

    private Outside() {
    }

    /** The file's text; read to its end like the kernel wants (Files.readString gets one byte of fs.mount-max). */
    static String read(Path file) {
        try {
            return KernelFiles.read(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

    static String read(String file) {
        return read(Path.of(file));
    }

    static String link(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";
        }
    }

    /** Machine pids whose command line, arguments joined by spaces, contains {@code needle}. */
    static List<Long> pidsWithCommandLine(String needle) {
        List<Long> found = new ArrayList<>();
        for (long pid : pids()) {
            if (read(PROC.resolve(pid + "/cmdline")).replace('\0', ' ').contains(needle)) {
                found.add(pid);
            }
        }
        return found;
    }

    static List<Long> pids() {
        try (Stream<Path> entries = Files.list(PROC)) {
            return entries.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The machine pid of the process that is {@code innerPid} in the PID namespace of machine pid {@code initPid}. */
    static long machinePid(long initPid, long innerPid) {
        String namespace = link(PROC.resolve(initPid + "/ns/pid"));
        for (long pid : pids()) {
            if (!link(PROC.resolve(pid + "/ns/pid")).equals(namespace)) {
                continue;
            }
            for (String line : read(PROC.resolve(pid + "/status")).split("\n")) {
                if (line.startsWith("NSpid:")) {
                    String[] ids = line.substring(6).strip().split("\\s+");
                    if (Long.parseLong(ids[ids.length - 1]) == innerPid) {
                        return pid;
                    }
                }
            }
        }
        return -1;
    }

    static long memAvailableBytes() {
        return meminfo("MemAvailable");
    }

    /** A /proc/meminfo field in bytes, or -1. */
    static long meminfo(String field) {
        for (String line : read("/proc/meminfo").split("\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.replaceAll("\\D", "")) << 10;
            }
        }
        return -1;
    }

    static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (IOException | NoSuchAlgorithmException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Hash and modification time: what changes if anything writes, truncates or replaces the file. */
    static String fingerprint(Path file) {
        try {
            return sha256(file) + " mtime=" + Files.getLastModifiedTime(file) + " ctime="
                    + Files.getAttribute(file, "unix:ctime");
        } catch (IOException | UnsupportedOperationException e) {
            return "unreadable: " + e.getMessage();
        }
    }

    /** Directories below {@code dir} (itself excluded), up to {@code depth} levels. */
    static long subdirectories(Path dir, int depth) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> walk = Files.walk(dir, depth)) {
            return walk.filter(Files::isDirectory).count() - 1;
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    static long heapUsedAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Runs a command on the machine (outside every lab host) and returns its output; for restoring state. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return out.strip();
        } catch (IOException e) {
            return "cannot run " + command[0] + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
