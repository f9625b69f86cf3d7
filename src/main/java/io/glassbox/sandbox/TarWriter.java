package io.glassbox.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal, deterministic POSIX ustar writer: directories, regular files and symbolic links, each owned by
 * 0:0 ({@code root}) with one fixed modification time, so the same entries always give the same bytes and
 * therefore the same sha256. That is what makes a layer's digest a name for its content (the OCI image spec,
 * "layer.md", asks for reproducible tars for the same reason).
 *
 * <p>The format is the one of {@code man 5 tar} (POSIX.1-1988 "ustar"): a 512-byte header per entry, the
 * content padded to 512 bytes, and two zero blocks at the end. Names longer than ustar's 100 + 155 bytes
 * are refused rather than written in a GNU or pax extension: nothing in the lab's images comes close.
 */
final class TarWriter implements AutoCloseable {

    /** 2026-01-01T00:00:00Z: every entry gets this mtime, as SOURCE_DATE_EPOCH does for reproducible builds. */
    static final long MTIME = 1_767_225_600L;

    private static final int BLOCK = 512;

    private final OutputStream out;

    TarWriter(OutputStream out) {
        this.out = out;
    }

    void directory(String name, int mode) throws IOException {
        header(name.endsWith("/") ? name : name + "/", mode, 0, '5', "");
    }

    void file(String name, int mode, byte[] content) throws IOException {
        header(name, mode, content.length, '0', "");
        out.write(content);
        pad(content.length);
    }

    void symlink(String name, String target) throws IOException {
        header(name, 0777, 0, '2', target);
    }

    /** Writes the end-of-archive marker (two zero blocks); the stream stays open. */
    @Override
    public void close() throws IOException {
        out.write(new byte[2 * BLOCK]);
        out.flush();
    }

    private void header(String name, int mode, long size, char type, String linkName) throws IOException {
        byte[] header = new byte[BLOCK];
        byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
        if (nameBytes.length <= 100) {
            put(header, 0, 100, nameBytes);
        } else {
            // ustar splits a long name at a slash: prefix (155 bytes) + "/" + name (100 bytes).
            int split = name.lastIndexOf('/', name.length() - 2);
            byte[] prefix = split < 0 ? nameBytes : name.substring(0, split).getBytes(StandardCharsets.UTF_8);
            byte[] rest = split < 0 ? nameBytes : name.substring(split + 1).getBytes(StandardCharsets.UTF_8);
            if (split < 0 || prefix.length > 155 || rest.length > 100) {
                throw new IOException("tar entry name too long for ustar (100 + 155 bytes): " + name);
            }
            put(header, 0, 100, rest);
            put(header, 345, 155, prefix);
        }
        byte[] link = linkName.getBytes(StandardCharsets.UTF_8);
        if (link.length > 100) {
            throw new IOException("symbolic link target too long for ustar (100 bytes): " + name + " -> " + linkName);
        }
        octal(header, 100, 8, mode & 07777);
        octal(header, 108, 8, 0); // uid
        octal(header, 116, 8, 0); // gid
        octal(header, 124, 12, size);
        octal(header, 136, 12, MTIME);
        header[156] = (byte) type;
        put(header, 157, 100, link);
        put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
        put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
        put(header, 265, 32, "root".getBytes(StandardCharsets.US_ASCII));
        put(header, 297, 32, "root".getBytes(StandardCharsets.US_ASCII));
        octal(header, 329, 8, 0); // devmajor
        octal(header, 337, 8, 0); // devminor
        // The checksum is computed with its own field as eight spaces, then written as six octal digits, NUL, space.
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        long sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        byte[] checksum = String.format("%06o\0 ", sum).getBytes(StandardCharsets.US_ASCII);
        put(header, 148, 8, checksum);
        out.write(header);
    }

    private void pad(long size) throws IOException {
        int rest = (int) (size % BLOCK);
        if (rest != 0) {
            out.write(new byte[BLOCK - rest]);
        }
    }

    private static void put(byte[] header, int offset, int length, byte[] value) {
        System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
    }

    /** A numeric field: zero-padded octal digits and a terminating NUL. */
    private static void octal(byte[] header, int offset, int length, long value) {
        String digits = Long.toOctalString(value);
        if (digits.length() > length - 1) {
            throw new IllegalArgumentException("tar field of " + length + " bytes cannot hold " + value);
        }
        String field = "0".repeat(length - 1 - digits.length()) + digits;
        put(header, offset, length - 1, field.getBytes(StandardCharsets.US_ASCII));
    }
}
