package io.glassbox.kernel.mount;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A process's view of the mounts, in the order the kernel lists them (oldest first). When several mounts
 * stack on one path, the last one listed is the one visible there.
 */
public record MountTable(List<MountEntry> entries) {

    public static MountTable parse(String mountinfo) {
        return new MountTable(mountinfo.lines().filter(line -> !line.isBlank()).map(MountEntry::parse)
                .collect(Collectors.toUnmodifiableList()));
    }

    /** The mount visible at exactly {@code mountPoint}, if something is mounted there. */
    public Optional<MountEntry> at(String mountPoint) {
        String wanted = normalize(mountPoint);
        MountEntry found = null;
        for (MountEntry entry : entries) {
            if (entry.mountPoint().equals(wanted)) {
                found = entry;
            }
        }
        return Optional.ofNullable(found);
    }

    public boolean isMountPoint(String path) {
        return at(path).isPresent();
    }

    /** The mount that holds {@code path}: the visible mount with the longest mount point that is a prefix of it. */
    public Optional<MountEntry> containing(String path) {
        String wanted = normalize(path);
        MountEntry best = null;
        for (MountEntry entry : entries) {
            String point = entry.mountPoint();
            boolean prefix = wanted.equals(point) || point.equals("/")
                    || wanted.startsWith(point.endsWith("/") ? point : point + "/");
            if (prefix && (best == null || point.length() >= best.mountPoint().length())) {
                best = entry;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The root mount ("/") of this view. */
    public Optional<MountEntry> root() {
        return at("/");
    }

    public List<MountEntry> ofType(String fsType) {
        return entries.stream().filter(e -> e.fsType().equals(fsType)).toList();
    }

    private static String normalize(String path) {
        if (path.length() > 1 && path.endsWith("/")) {
            return path.substring(0, path.length() - 1);
        }
        return path;
    }
}
