package io.glassbox.sandbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * One image layer as a registry holds it: the layer directory as a tar (its sha256 is the layer's
 * {@code diff_id} in the image config), gzip-compressed (the sha256 of those bytes is the layer's
 * {@code digest} in the manifest, the name of the blob).
 *
 * <p>The layer directories are in overlayfs's own format, where a deleted file is a 0/0 character device.
 * An OCI layer says the same with an empty file named {@code .wh.<name>} next to where the file was (the OCI
 * image spec, "layer.md", "Whiteouts"): the tar holds that instead, and whoever unpacks the layer for
 * overlayfs must turn it back into a device, as Docker's overlay2 driver does.
 */
record OciLayer(String diffId, String digest, byte[] compressed) {

    static final String MEDIA_TYPE = "application/vnd.oci.image.layer.v1.tar+gzip";

    private static final int S_IFMT = 0170000;
    private static final int S_IFCHR = 0020000;

    /** Tars and compresses {@code dir} (a link to a directory is followed; links inside it are kept as links). */
    static OciLayer of(Path dir) throws IOException {
        byte[] tar = tar(dir.toRealPath());
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(tar.length / 2);
        // java.util.zip writes a fixed gzip header (no file name, mtime 0), so the same tar compresses to the
        // same bytes on every start with the same JDK.
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(tar);
        }
        byte[] gz = compressed.toByteArray();
        return new OciLayer(sha256(tar), sha256(gz), gz);
    }

    static byte[] tar(Path root) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarWriter tar = new TarWriter(bytes)) {
            writeChildren(tar, root, root);
        }
        return bytes.toByteArray();
    }

    /** Depth first, in name order: the order of entries is part of the digest. */
    private static void writeChildren(TarWriter tar, Path root, Path dir) throws IOException {
        List<Path> children;
        try (Stream<Path> list = Files.list(dir)) {
            children = list.sorted().toList();
        }
        for (Path child : children) {
            String name = root.relativize(child).toString();
            Map<String, Object> unix = Files.readAttributes(child, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) unix.get("mode");
            if (Files.isSymbolicLink(child)) {
                tar.symlink(name, Files.readSymbolicLink(child).toString());
            } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                tar.directory(name, mode);
                writeChildren(tar, root, child);
            } else if (Files.isRegularFile(child, LinkOption.NOFOLLOW_LINKS)) {
                tar.file(name, mode, Files.readAllBytes(child));
            } else if ((mode & S_IFMT) == S_IFCHR && (Long) unix.get("rdev") == 0) {
                Path parent = root.relativize(child).getParent();
                String whiteout = ".wh." + child.getFileName();
                tar.file(parent == null ? whiteout : parent + "/" + whiteout, 0644, new byte[0]);
            } else {
                throw new IOException("cannot put " + child + " into an image layer: only directories, regular files,"
                        + " symbolic links and overlay whiteouts (0/0 character devices) are supported");
            }
        }
    }

    static String sha256(byte[] content) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    static String hex(String digest) {
        return digest.substring("sha256:".length());
    }
}
