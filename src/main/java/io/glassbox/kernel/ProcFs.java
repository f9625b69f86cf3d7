package io.glassbox.kernel;

import io.glassbox.kernel.mount.MountTable;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code /proc} (man 5 proc). Every method reads files and nothing else; a pid that no longer exists
 * surfaces as {@link NoSuchFileException}, which callers treat as "the process has gone".
 */
public final class ProcFs {

    public static final Path DEFAULT_ROOT = Path.of("/proc");

    private final Path root;

    public ProcFs(Path root) {
        this.root = root;
    }

    public static ProcFs system() {
        return new ProcFs(DEFAULT_ROOT);
    }

    public Path root() {
        return root;
    }

    public Path pidDir(long pid) {
        return root.resolve(Long.toString(pid));
    }

    public boolean exists(long pid) {
        return Files.isDirectory(pidDir(pid));
    }

    public ProcessStat stat(long pid) throws IOException {
        return ProcessStat.parse(KernelFiles.read(pidDir(pid).resolve("stat")).trim());
    }

    /** Where {@code pid}'s namespace of {@code type} is: the target of its {@code /proc/<pid>/ns/<type>} link. */
    public NamespaceId namespace(long pid, NamespaceType type) throws IOException {
        return NamespaceId.parse(Files.readSymbolicLink(pidDir(pid).resolve("ns").resolve(type.procName())).toString());
    }

    /** All namespaces of {@code pid} that this kernel has (the time namespace needs Linux 5.6). */
    public Map<NamespaceType, NamespaceId> namespaces(long pid) throws IOException {
        Map<NamespaceType, NamespaceId> result = new EnumMap<>(NamespaceType.class);
        for (NamespaceType type : NamespaceType.values()) {
            Path link = pidDir(pid).resolve("ns").resolve(type.procName());
            if (Files.isSymbolicLink(link)) {
                result.put(type, NamespaceId.parse(Files.readSymbolicLink(link).toString()));
            }
        }
        if (result.isEmpty()) {
            throw new NoSuchFileException(pidDir(pid).resolve("ns").toString());
        }
        return result;
    }

    public List<CgroupEntry> cgroups(long pid) throws IOException {
        return KernelFiles.read(pidDir(pid).resolve("cgroup")).lines()
                .filter(line -> !line.isBlank()).map(CgroupEntry::parse).toList();
    }

    public MountTable mountInfo(long pid) throws IOException {
        return MountTable.parse(KernelFiles.read(pidDir(pid).resolve("mountinfo")));
    }

    /** The pid chain of {@code pid} from the outermost PID namespace it is visible in to its own ({@code NSpid:}). */
    public List<Long> nsPids(long pid) throws IOException {
        return statusField(pid, "NSpid").map(value -> Arrays.stream(value.split("\\s+")).map(Long::parseLong).toList())
                .orElse(List.of(pid));
    }

    /** A field of {@code /proc/<pid>/status}, such as {@code NSpid} or {@code CapEff}. */
    public Optional<String> statusField(long pid, String name) throws IOException {
        String prefix = name + ":";
        for (String line : KernelFiles.read(pidDir(pid).resolve("status")).lines().toList()) {
            if (line.startsWith(prefix)) {
                return Optional.of(line.substring(prefix.length()).trim());
            }
        }
        return Optional.empty();
    }

    public List<IdMapping> uidMap(long pid) throws IOException {
        return idMap(pid, "uid_map");
    }

    public List<IdMapping> gidMap(long pid) throws IOException {
        return idMap(pid, "gid_map");
    }

    private List<IdMapping> idMap(long pid, String file) throws IOException {
        return KernelFiles.read(pidDir(pid).resolve(file)).lines()
                .filter(line -> !line.isBlank()).map(IdMapping::parse).toList();
    }

    /** The argument vector of {@code pid}; empty for kernel threads and zombies. */
    public List<String> cmdline(long pid) throws IOException {
        String raw = KernelFiles.read(pidDir(pid).resolve("cmdline"));
        if (raw.isEmpty()) {
            return List.of();
        }
        return List.of(raw.endsWith("\0") ? raw.substring(0, raw.length() - 1).split("\0", -1) : raw.split("\0", -1));
    }

    /** Direct children of {@code pid}, from {@code /proc/<pid>/task/<tid>/children} of every thread. */
    public List<Long> children(long pid) throws IOException {
        List<Long> result = new ArrayList<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(pidDir(pid).resolve("task"))) {
            for (Path task : tasks) {
                try {
                    for (String child : KernelFiles.read(task.resolve("children")).trim().split("\\s+")) {
                        if (!child.isEmpty()) {
                            result.add(Long.parseLong(child));
                        }
                    }
                } catch (NoSuchFileException threadExited) {
                    // the thread ended while we listed; its children were reparented to a live thread
                }
            }
        }
        return result;
    }

    /** Every process visible in this proc mount. */
    public List<Long> pids() throws IOException {
        List<Long> result = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
                    result.add(Long.parseLong(name));
                }
            }
        }
        return result;
    }

    /** The kernel release, e.g. {@code 6.1.0-18-amd64}. */
    public String kernelRelease() throws IOException {
        return KernelFiles.read(root.resolve("sys/kernel/osrelease")).trim();
    }

    /**
     * The memory the kernel estimates is available for new work without swapping ({@code MemAvailable} in
     * {@code /proc/meminfo}), in bytes.
     */
    public long memAvailable() throws IOException {
        for (String line : KernelFiles.read(root.resolve("meminfo")).split("\n")) {
            if (line.startsWith("MemAvailable:")) {
                String[] fields = line.substring("MemAvailable:".length()).trim().split("\\s+");
                return Long.parseLong(fields[0]) * (fields.length > 1 && fields[1].equals("kB") ? 1024 : 1);
            }
        }
        throw new IOException(root.resolve("meminfo") + " has no MemAvailable line (kernels before 3.14 lack it)");
    }

    /** A value under {@code /proc/sys}, e.g. {@code sysctl("user/max_user_namespaces")}. */
    public Optional<String> sysctl(String key) throws IOException {
        Path file = root.resolve("sys").resolve(key.replace('.', '/'));
        return Files.isReadable(file) ? Optional.of(KernelFiles.read(file).trim()) : Optional.empty();
    }
}
