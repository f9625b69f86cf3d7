package io.glassbox.sandbox;

import io.glassbox.host.Busybox;
import io.glassbox.host.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * Builds the container images the lessons use, from the machine's static busybox, into {@code images/}:
 *
 * <ul>
 *   <li>{@code busybox/}: a single-layer root filesystem, what {@code docker run busybox} unpacks.</li>
 *   <li>{@code web/layers/{base,site,update}}: a three-layer image in overlayfs's own format. {@code base}
 *       is a link to the busybox image (images share layers, as in a registry); {@code site}
 *       adds a web site and a 1 MiB build cache; {@code update} changes the home page and deletes the cache
 *       with a whiteout (a 0/0 character device), which hides the file but cannot shrink the image.
 *       {@code web/manifest.json} lists the layers bottom-up and the command, like an OCI image manifest.</li>
 * </ul>
 *
 * <p>The build is idempotent: it is skipped when {@code images/VERSION} matches this builder and the busybox
 * binary, and otherwise written to a temporary directory and renamed into place, so a crash mid-build leaves
 * no half-built image behind.
 */
public final class ImageBuilder {

    /** Bump when the images' content changes, so existing data dirs rebuild. */
    static final String LAYOUT_VERSION = "5";

    private final CommandRunner commands;

    public ImageBuilder(CommandRunner commands) {
        this.commands = commands;
    }

    /** Builds the images into {@code target} unless they are already current; returns true if it built. */
    public boolean build(Path target) throws IOException {
        Path busybox = Busybox.findStatic().orElseThrow(() -> new IOException(Busybox.installHint()));
        String version = LAYOUT_VERSION + " " + busybox + " " + Files.size(busybox) + " "
                + Files.getLastModifiedTime(busybox).toMillis();
        Path stamp = target.resolve("VERSION");
        if (Files.isRegularFile(stamp) && Files.readString(stamp).equals(version)) {
            return false;
        }
        Path staging = Files.createTempDirectory(target.getParent(), "images-build-");
        try {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            List<String> applets = commands.check(List.of(busybox.toString(), "--list-full")).stdout().lines()
                    .filter(line -> !line.isBlank()).toList();
            Path busyboxImage = staging.resolve("busybox");
            RootfsWriter.busyboxRoot(busyboxImage, busybox, applets);
            writeWebImage(staging.resolve("web"), busyboxImage);
            Files.writeString(staging.resolve("README"), README);
            Files.writeString(staging.resolve("VERSION"), version);
            FileTrees.delete(target);
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            FileTrees.delete(staging);
        }
    }

    private void writeWebImage(Path image, Path busyboxImage) throws IOException {
        Path layers = image.resolve("layers");
        Files.createDirectories(layers);
        // Images share layers: web's base layer is the busybox image itself, as in a registry.
        Files.createSymbolicLink(layers.resolve("base"), layers.relativize(busyboxImage));

        Path site = layers.resolve("site");
        RootfsWriter.file(site.resolve("var/www/index.html"), "<h1>Hello from the site layer</h1>\n");
        RootfsWriter.file(site.resolve("var/www/about.html"), "<p>Served by busybox httpd from an overlay.</p>\n");
        RootfsWriter.file(site.resolve("etc/motd"), "web image, layer 2 (site)\n");
        RootfsWriter.file(site.resolve("var/cache/build.cache"), "x".repeat(1 << 20));

        Path update = layers.resolve("update");
        RootfsWriter.file(update.resolve("var/www/index.html"), "<h1>Hello from the update layer</h1>\n");
        RootfsWriter.file(update.resolve("etc/motd"), "web image, layer 3 (update)\n");
        Files.createDirectories(update.resolve("var/cache"));
        // An overlay whiteout: a character device 0/0 (kernel Documentation/filesystems/overlayfs.rst).
        commands.check(List.of("mknod", update.resolve("var/cache/build.cache").toString(), "c", "0", "0"));

        RootfsWriter.file(image.resolve("manifest.json"), """
                {
                  "name": "web",
                  "layers": ["layers/base", "layers/site", "layers/update"],
                  "cmd": ["httpd", "-f", "-p", "80", "-h", "/var/www"],
                  "comment": "layers are listed bottom-up; overlayfs wants lowerdir top-first: update:site:base"
                }
                """);
    }

    private static final String README = """
            Container images for Glassbox lessons (read-only; copy or overlay them to change anything).

            busybox/          a single-layer root filesystem: docker run busybox
            web/layers/base   the busybox image itself (a link: images share layers)
            web/layers/site   adds /var/www (a small site) and a 1 MiB /var/cache/build.cache
            web/layers/update changes /var/www/index.html and deletes the cache with a whiteout
            web/manifest.json the layers bottom-up and the command to run

            Stack them:  mount -t overlay overlay \\
                           -o lowerdir=/images/web/layers/update:/images/web/layers/site:/images/web/layers/base,\\
                              upperdir=/tmp/c/upper,workdir=/tmp/c/work /tmp/c/rootfs
            """;
}
