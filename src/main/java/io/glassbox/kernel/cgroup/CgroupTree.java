package io.glassbox.kernel.cgroup;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;

import io.glassbox.kernel.KernelException;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Operations on one cgroup directory and everything below it, the same on v1 and v2: mkdir, chown, list
 * processes, rmdir. Walks never follow symbolic links, so a link planted by a learner cannot redirect a chown
 * or an rmdir to a path outside the cgroup.
 */
public final class CgroupTree {

    private static final String BUSY_HINT = "processes are still inside; kill them first";
    /** cgroupfs names its control files {@code controller.file}: a child cgroup is likelier among the others. */
    private static final Comparator<Path> DOTLESS_FIRST =
            Comparator.comparing(entry -> entry.getFileName().toString().contains("."));

    private CgroupTree() {
    }

    /** mkdir(2) of one cgroup; an existing directory is fine, so creation can be repeated. */
    public static void mkdir(Path dir) {
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (!Files.isDirectory(dir, NOFOLLOW_LINKS)) {
                throw KernelException.of("mkdir", dir.toString(), e, "something that is not a directory is in the way");
            }
        } catch (IOException e) {
            throw CgroupFiles.failure("mkdir", dir.toString(), e,
                    Map.of("ENOENT", "the parent cgroup does not exist; create it first"));
        }
    }

    /** chown(2) without following a symbolic link, with numeric ids (no user name needed). */
    public static void chown(Path path, int uid, int gid) {
        try {
            Files.setAttribute(path, "unix:uid", uid, NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", gid, NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw CgroupFiles.failure("chown", path + " " + uid + ":" + gid, e, Map.of());
        }
    }

    /** The uid and gid that own {@code path} (not following a symbolic link). */
    public static int[] owner(Path path) {
        try {
            return new int[] {(Integer) Files.getAttribute(path, "unix:uid", NOFOLLOW_LINKS),
                (Integer) Files.getAttribute(path, "unix:gid", NOFOLLOW_LINKS)};
        } catch (IOException e) {
            throw CgroupFiles.failure("stat", path.toString(), e, Map.of());
        }
    }

    /** {@code chown -R}: the directory, its files and every cgroup below. */
    public static void chownTree(Path dir, int uid, int gid) {
        walk(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                chown(d, uid, gid);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                chown(file, uid, gid);
                return FileVisitResult.CONTINUE;
            }
        }, "chown -R");
    }

    /**
     * The pids in {@code cgroup.procs} of {@code dir} and of every cgroup below it (learners make child
     * cgroups). A cgroup removed while we look is skipped.
     */
    public static Set<Long> processes(Path dir) {
        Set<Long> pids = new TreeSet<>();
        for (Path cgroup : directories(dir)) {
            for (String line : CgroupFiles.readIfPresent(cgroup.resolve("cgroup.procs")).orElse("").split("\n")) {
                if (!line.isBlank()) {
                    pids.add(Long.parseLong(line.trim()));
                }
            }
        }
        return pids;
    }

    /**
     * {@code dir} and every cgroup directory below it, parents before children; empty if {@code dir} is gone. A
     * cgroup removed while we look is skipped.
     *
     * <p>A plain walk stats every control file of every cgroup: with 200 lab hosts that was some 35,000 stat calls
     * on kernfs per periodic check, a tenth of a CPU for an idle server. So it stats as few as it can: a
     * directory's link count is 2 plus its subdirectories on cgroupfs (kernfs, v1 and v2), tmpfs and ext4, so a
     * cgroup counting 2 is not listed at all, and listing one stops once its subdirectories are found, names
     * without a dot first (cgroupfs names its files {@code controller.file}; a learner may still name a cgroup
     * {@code a.b}, found in the second round). Filesystems that do not count (btrfs, overlayfs's merged
     * directories) say 1: every entry is looked at there.
     */
    public static List<Path> directories(Path dir) {
        List<Path> dirs = new ArrayList<>();
        collectDirectories(dir, dirs);
        return dirs;
    }

    /**
     * Adds {@code dir} and every directory below it to {@code dirs}, one stat each for its type and link count;
     * false if {@code dir} is not a directory (a file, a link, or gone meanwhile).
     */
    private static boolean collectDirectories(Path dir, List<Path> dirs) {
        Map<String, Object> attributes;
        try {
            attributes = Files.readAttributes(dir, "unix:isDirectory,nlink", NOFOLLOW_LINKS);
        } catch (IOException gone) {
            return false;
        }
        if (!(Boolean) attributes.get("isDirectory")) {
            return false;
        }
        dirs.add(dir);
        int links = (Integer) attributes.get("nlink");
        int subdirectories = links >= 2 ? links - 2 : -1; // -1: this filesystem does not count them
        if (subdirectories == 0) {
            return true;
        }
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> listing = Files.newDirectoryStream(dir)) {
            listing.forEach(entries::add);
        } catch (NoSuchFileException gone) {
            return true; // removed while we looked: nothing below it any more
        } catch (IOException e) {
            throw CgroupFiles.failure("list cgroups", dir.toString(), e, Map.of());
        }
        entries.sort(DOTLESS_FIRST);
        int found = 0;
        for (Path entry : entries) {
            if (found == subdirectories) {
                break;
            }
            if (collectDirectories(entry, dirs)) {
                found++;
            }
        }
        return true;
    }

    /**
     * rmdir(2) of {@code dir} and every cgroup below it, children first. On a cgroup filesystem the files vanish
     * with their directory (and cannot be unlinked); a plain directory, such as a test fixture, needs its
     * files deleted first. A missing directory is fine.
     */
    public static void removeTree(Path dir) {
        if (!Files.exists(dir, NOFOLLOW_LINKS)) {
            return;
        }
        boolean plainFiles = !isCgroupFs(dir);
        walk(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (plainFiles) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                rmdir(d);
                return FileVisitResult.CONTINUE;
            }
        }, "remove tree");
    }

    /**
     * True when {@code dir} is a directory of a mounted cgroup filesystem: it has {@code cgroup.procs} and the
     * file store reports type cgroup or cgroup2 (statfs(2) magic, as the JDK reads it from the mount table).
     */
    public static boolean isCgroupFs(Path dir) {
        if (!Files.exists(dir.resolve("cgroup.procs"), NOFOLLOW_LINKS)) {
            return false;
        }
        try {
            String type = Files.getFileStore(dir).type();
            return type.equals("cgroup") || type.equals("cgroup2");
        } catch (IOException e) {
            return true; // unsure: assume cgroupfs, where deleting files is never needed
        }
    }

    private static void rmdir(Path dir) {
        try {
            Files.delete(dir);
        } catch (NoSuchFileException gone) {
            // removed concurrently, which is what we wanted
        } catch (IOException e) {
            throw CgroupFiles.failure("rmdir", dir.toString(), e, Map.of("EBUSY", BUSY_HINT,
                    "ENOTEMPTY", "the directory holds files, so it is not a cgroup directory"));
        }
    }

    /** Files.walkFileTree without FOLLOW_LINKS; a path that vanished mid-walk is skipped. */
    private static void walk(Path dir, SimpleFileVisitor<Path> visitor, String operation) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    return visitor.preVisitDirectory(d, attrs);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    return visitor.visitFile(file, attrs);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                    if (e instanceof NoSuchFileException) {
                        return FileVisitResult.CONTINUE;
                    }
                    throw e;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    return visitor.postVisitDirectory(d, e instanceof NoSuchFileException ? null : e);
                }
            });
        } catch (IOException e) {
            throw CgroupFiles.failure(operation, dir.toString(), e, Map.of());
        }
    }
}
