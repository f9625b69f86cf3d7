package io.glassbox.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of Glassbox's data directory (default {@code /var/lib/glassbox}).
 *
 * <pre>
 *   instance          this installation's id: names its cgroup and network namespace
 *   images/           container images for the lessons, built at start-up
 *   lab/init.sh       the script that builds a lab host's root and becomes its init
 *   lab/etc/          the template of every lab host's /etc
 *   lab/root/         an empty directory each lab host mounts its root on (in its own mount namespace)
 *   internet/www/     what "the internet" serves to lab hosts
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

    /** Creates the directories; the data dir itself is readable by all so lab set-up (as the lab's uid) can copy from it. */
    public void create() throws IOException {
        for (Path dir : new Path[] {root, images().getParent(), labRootMountPoint(), internetWww(), sessions()}) {
            Files.createDirectories(dir);
        }
        Files.createDirectories(labEtc().getParent());
    }
}
