package io.glassbox.sandbox;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * Writes the {@code /etc} every lab host starts from. It is generated, never the machine's own: nothing of the
 * server's configuration, data dir or other sessions may show. Only a short list of host files that describe
 * the shared read-only {@code /usr} (the dynamic linker cache, Debian's alternatives links, protocol tables)
 * is copied, because the tools in {@code /usr} need them to run.
 */
public final class EtcTemplate {

    /** Host files the tools under /usr depend on; none holds configuration of this machine's services. */
    static final List<String> HOST_FILES = List.of("ld.so.cache", "ld.so.conf", "ld.so.conf.d", "alternatives",
            "protocols", "services", "ethertypes", "iproute2", "inputrc", "terminfo", "shells", "localtime",
            "debian_version", "bash_completion");

    private static final Map<String, String> GENERATED = Map.ofEntries(
            Map.entry("passwd", """
                    root:x:0:0:root:/root:/bin/bash
                    daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin
                    nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
                    """),
            Map.entry("group", """
                    root:x:0:
                    daemon:x:1:
                    tty:x:5:
                    nogroup:x:65534:
                    """),
            Map.entry("hosts", """
                    127.0.0.1\tlocalhost
                    ::1\tlocalhost ip6-localhost ip6-loopback
                    198.18.0.1\tinternet.glassbox internet
                    """),
            Map.entry("resolv.conf", """
                    # The lab has no DNS server: names come from /etc/hosts ("internet" is the outside world).
                    options timeout:1 attempts:1
                    """),
            Map.entry("nsswitch.conf", """
                    passwd: files
                    group: files
                    shadow: files
                    hosts: files dns
                    networks: files
                    protocols: files
                    services: files
                    ethers: files
                    """),
            Map.entry("os-release", """
                    PRETTY_NAME="Glassbox lab host"
                    NAME="Glassbox lab host"
                    ID=glassbox-lab
                    ID_LIKE=debian
                    """),
            Map.entry("motd", """

                    Welcome to your Glassbox lab host. You are root here, and only here: this machine is
                    a set of Linux namespaces and a cgroup of its own. Break anything you like.

                    """),
            Map.entry("profile", """
                    export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                    umask 022
                    if [ -n "${BASH_VERSION:-}" ] && [ -f /etc/bash.bashrc ]; then . /etc/bash.bashrc; fi
                    """),
            // The DEBUG trap appends each command line to /root/.bash_history just before it runs, so a check sees
            // what the learner ran lately and can name a common mistake (lesson.check.RecentCommands). Before it
            // runs, not at the next prompt: the line that started the shell the learner is now in (`unshare -p
            // bash`) has no next prompt until that shell exits.
            Map.entry("bash.bashrc", """
                    [ -z "${PS1:-}" ] && return
                    shopt -s checkwinsize histappend
                    HISTSIZE=5000
                    trap 'history -a 2>/dev/null' DEBUG
                    PS1='\\[\\e[1;32m\\]\\u@\\h\\[\\e[0m\\]:\\[\\e[1;34m\\]\\w\\[\\e[0m\\]\\$ '
                    alias ls='ls --color=auto'
                    alias grep='grep --color=auto'
                    """));

    private EtcTemplate() {
    }

    /** Replaces {@code target} with a fresh template. */
    public static void write(Path target, Path hostEtc) throws IOException {
        FileTrees.delete(target);
        Files.createDirectories(target);
        for (Map.Entry<String, String> file : GENERATED.entrySet()) {
            Files.writeString(target.resolve(file.getKey()), file.getValue());
        }
        for (String name : HOST_FILES) {
            Path source = hostEtc.resolve(name);
            if (Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
                copyTree(source, target.resolve(name));
            }
        }
    }

    /**
     * Copies files and directories, keeping symbolic links as links. Of Debian's alternatives only links to
     * programs are kept: the rest point at manual pages, hundreds of them on a developer's machine, and every
     * file here is copied again for each lab host.
     */
    private static void copyTree(Path source, Path target) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                boolean alternative = file.getParent() != null && file.getParent().endsWith("alternatives");
                if (!alternative || Files.isExecutable(file)) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), LinkOption.NOFOLLOW_LINKS,
                            StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
