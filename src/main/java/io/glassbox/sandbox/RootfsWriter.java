package io.glassbox.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** Small file-tree operations for building image root filesystems. */
final class RootfsWriter {

    private static final List<String> ROOT_DIRS = List.of("bin", "sbin", "usr/bin", "usr/sbin", "etc", "dev", "proc",
            "sys", "tmp", "root", "var/www", "home", "mnt", "run");

    private RootfsWriter() {
    }

    /** A minimal root: busybox, one symlink per applet, the usual directories and a few /etc files. */
    static void busyboxRoot(Path root, Path busybox, List<String> applets) throws IOException {
        for (String dir : ROOT_DIRS) {
            Files.createDirectories(root.resolve(dir));
        }
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        // /root stays 0755 (not 0700 as usual): each lab host copies images as its own root, which cannot
        // read a directory owned by the machine's root with mode 0700.
        Path binary = root.resolve("bin/busybox");
        Files.copy(busybox, binary);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String applet : applets) {
            Path link = root.resolve(applet.startsWith("/") ? applet.substring(1) : applet);
            if (!link.equals(binary) && !Files.exists(link)) {
                Files.createDirectories(link.getParent());
                Files.createSymbolicLink(link, link.getParent().relativize(binary));
            }
        }
        file(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        file(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        file(root.resolve("etc/hosts"), "127.0.0.1\tlocalhost\n198.18.0.1\tinternet.glassbox internet\n");
        file(root.resolve("etc/os-release"), "NAME=\"busybox\"\nPRETTY_NAME=\"busybox image (Glassbox)\"\n");
        file(root.resolve("var/www/index.html"), "<h1>Hello from a busybox container</h1>\n");
    }

    static void file(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }
}
