package io.glassbox.sandbox;

import io.glassbox.host.StartupFailure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;

/**
 * The layout of Glassbox's data directory (default {@code /var/lib/glassbox}).
 *
 * <pre>
 *   instance          this installation's id: names its cgroup and network namespace
 *   images/           container images for the lessons, built at start-up
 *   lab/init.sh       the script that builds a lab host's root and becomes its init
 *   lab/etc/          the template of every lab host's /etc
 *   lab/root/         an empty directory each lab host mounts its root on (in its own mount namespace)
 *   internet/www/     what "the internet" serves to lab hosts (v2/: a read-only registry of the web image)
 *   sessions/ID.json  what a live lab host owns, so a restart after a crash can remove it
 * </pre>
 */
public record DataDir(Path root) {

    public Path instanceFile() {
        return root.resolve("instance");
    }

    public Path images() {
        return root.resolve("images");
    }

    public Path labInitScript() {
        return root.resolve("lab/init.sh");
    }

    public Path labStageScript() {
        return root.resolve("lab/stage.sh");
    }

    /** Where each lab's set-up mounts its read-only staging tmpfs, in a mount namespace of its own. */
    public Path labStageMountPoint() {
        return root.resolve("lab/stage");
    }

    public Path labEtc() {
        return root.resolve("lab/etc");
    }

    public Path labRootMountPoint() {
        return root.resolve("lab/root");
    }

    public Path internetWww() {
        return root.resolve("internet/www");
    }

    public Path sessions() {
        return root.resolve("sessions");
    }

    public Path lockFile() {
        return root.resolve("glassbox.lock");
    }

    /**
     * Creates the directories. Lab set-up runs as the lab's own root, an unprivileged uid on the machine, and
     * copies the /etc template from here, so every directory on the way must be searchable by
     * others (o+x): a data dir under /root (mode 0700) cannot work, and this says so with the chmod that fixes it.
     */
    public void create() throws IOException {
        for (Path dir : new Path[] {root, labRootMountPoint(), labStageMountPoint(), internetWww(), sessions()}) {
            Files.createDirectories(dir);
        }
        for (Path dir = root.toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (!Files.getPosixFilePermissions(dir).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                throw new StartupFailure("the data dir " + root + " is not reachable by lab hosts: " + dir
                        + " is not searchable by other users, and lab set-up runs as an unprivileged uid",
                        "chmod o+x " + dir + ", or set glassbox.data-dir to a directory such as /var/lib/glassbox");
            }
        }
    }
}
