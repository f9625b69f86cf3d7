package io.glassbox.testing;

import io.glassbox.kernel.ProcFs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Looks for what a lab host could leave on the machine: processes running as its uids, cgroups, mounts,
 * uplink interfaces and state files. Each finder returns human-readable findings; empty means clean.
 */
public final class Leftovers {

    private Leftovers() {
    }

    /** Processes whose real uid falls in [from, from + count). */
    public static List<String> processesWithUids(long from, long count) throws IOException {
        ProcFs proc = KernelTests.PROC;
        List<String> found = new ArrayList<>();
        for (long pid : proc.pids()) {
            try {
                long uid = Long.parseLong(proc.statusField(pid, "Uid").orElse("-1").split("\\s+")[0]);
                if (uid >= from && uid < from + count) {
                    var stat = proc.stat(pid);
                    found.add(pid + " " + stat.comm() + " state=" + stat.state() + " ppid=" + stat.ppid() + " "
                            + String.join(" ", proc.cmdline(pid)) + " (uid " + uid + ")");
                }
            } catch (NoSuchFileException exited) {
                // gone between listing and reading
            }
        }
        return found;
    }

    /** Cgroup directories below /sys/fs/cgroup whose name contains {@code marker}. */
    public static List<String> cgroups(String marker) throws IOException {
        try (Stream<Path> walk = Files.walk(Path.of("/sys/fs/cgroup"), 8)) {
            return walk.filter(Files::isDirectory).map(Path::toString).filter(p -> p.contains(marker)).toList();
        }
    }

    /** Mounts in the machine's own mount namespace whose mount point or source mentions {@code marker}. */
    public static List<String> mounts(String marker) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream().filter(line -> line.contains(marker)).toList();
    }

    /** Network interfaces in the machine's network namespace whose name contains {@code marker}. */
    public static List<String> machineLinks(String marker) {
        return KernelTests.COMMANDS.run(List.of("ip", "-o", "link", "show")).stdout().lines()
                .filter(line -> line.contains(marker)).toList();
    }

    /** Interfaces in the named network namespace other than lo. */
    public static List<String> linksIn(String netns) {
        return KernelTests.COMMANDS.run(List.of("ip", "-n", netns, "-o", "link", "show")).stdout().lines()
                .filter(line -> !line.contains(" lo:")).toList();
    }

    public static List<String> namedNetworkNamespaces(String marker) {
        return KernelTests.COMMANDS.run(List.of("ip", "netns", "list")).stdout().lines()
                .filter(line -> line.contains(marker)).toList();
    }
}
