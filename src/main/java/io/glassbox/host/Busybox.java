package io.glassbox.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Finds the machine's statically linked busybox, from which the lessons' container images are built. */
public final class Busybox {

    private static final List<Path> CANDIDATES =
            List.of(Path.of("/usr/bin/busybox"), Path.of("/bin/busybox"), Path.of("/usr/sbin/busybox"));

    private Busybox() {
    }

    /** A static busybox: an image has no C library for a dynamically linked one to load. */
    public static Optional<Path> findStatic() {
        for (Path candidate : CANDIDATES) {
            try {
                if (Files.isExecutable(candidate) && ElfFile.isStatic(candidate)) {
                    return Optional.of(candidate.toRealPath());
                }
            } catch (IOException unreadable) {
                // try the next candidate
            }
        }
        return Optional.empty();
    }

    public static String installHint() {
        return "no statically linked busybox in " + CANDIDATES + " (Debian: apt-get install busybox-static)";
    }
}
