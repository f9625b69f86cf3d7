package io.glassbox.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads files of the kernel's pseudo-filesystems. They report a size of 0, and some of them (the integer
 * sysctls under {@code /proc/sys}) answer only the first read(2) of a file and then report end-of-file.
 * {@link Files#readString} starts with a one-byte read for a zero-size file, so it returns "9" for a value of
 * 96365; reading with a page-sized buffer gets the whole value at once.
 */
public final class KernelFiles {

    private static final int BUFFER = 8192;
    /**
     * One page-sized buffer per reading thread: lab hosts' start and teardown poll /proc every millisecond,
     * and two fresh 8 KiB buffers per read made tens of MB of garbage per lab host, whose collections paused
     * every terminal's echo.
     */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[BUFFER]);

    private KernelFiles() {
    }

    public static String read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = BUFFERS.get();
            int length = 0;
            for (int n; (n = in.read(buffer, length, buffer.length - length)) > 0;) {
                length += n;
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, buffer.length * 2); // a large file: this read's own buffer
                }
            }
            return new String(buffer, 0, length, StandardCharsets.UTF_8);
        }
    }
}
