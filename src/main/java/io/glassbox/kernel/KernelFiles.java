package io.glassbox.kernel;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads files of the kernel's pseudo-filesystems. They report a size of 0, and some of them (the integer
 * sysctls under {@code /proc/sys}) answer only the first read(2) of a file and then report end-of-file.
 * {@link Files#readString} starts with a one-byte read for a zero-size file, so it returns "9" for a value of
 * 96365; reading with a page-sized buffer gets the whole value at once.
 */
public final class KernelFiles {

    private static final int BUFFER = 8192;

    private KernelFiles() {
    }

    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(BUFFER);
            byte[] buffer = new byte[BUFFER];
            for (int n; (n = in.read(buffer, 0, BUFFER)) > 0;) {
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
