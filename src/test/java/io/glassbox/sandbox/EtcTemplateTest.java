package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcTemplateTest {

    @TempDir
    Path tmp;

    @Test
    void generatesIdentityFilesAndCopiesOnlyTheToolFilesFromTheHost() throws IOException {
        Path hostEtc = Files.createDirectories(tmp.resolve("host-etc"));
        Files.writeString(hostEtc.resolve("ld.so.cache"), "cache");
        Files.writeString(hostEtc.resolve("passwd"), "alice:x:1000:1000::/home/alice:/bin/bash\n");
        Files.writeString(hostEtc.resolve("shadow"), "secret");
        Files.writeString(hostEtc.resolve("glassbox.properties"), "glassbox.admin-token=secret");
        Files.createDirectories(hostEtc.resolve("alternatives"));
        Files.createSymbolicLink(hostEtc.resolve("alternatives/iptables"), Path.of("/usr/sbin/iptables-nft"));

        Path target = tmp.resolve("etc");
        Files.createDirectories(target.resolve("stale"));
        EtcTemplate.write(target, hostEtc);

        assertThat(target.resolve("stale")).doesNotExist();
        assertThat(target.resolve("ld.so.cache")).hasContent("cache");
        assertThat(Files.readSymbolicLink(target.resolve("alternatives/iptables")))
                .isEqualTo(Path.of("/usr/sbin/iptables-nft"));
        assertThat(target.resolve("passwd")).content().startsWith("root:x:0:0:").doesNotContain("alice");
        assertThat(target.resolve("hosts")).content().contains("localhost").contains("198.18.0.1");
        assertThat(target.resolve("shadow")).doesNotExist();
        assertThat(target.resolve("glassbox.properties")).doesNotExist();
    }

    @Test
    void deletingATreeNeverFollowsSymlinks() throws IOException {
        Path precious = Files.writeString(tmp.resolve("precious"), "keep me");
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(outside.resolve("file"), "keep me too");
        Path tree = Files.createDirectories(tmp.resolve("tree/sub"));
        Files.createSymbolicLink(tree.resolve("link-to-file"), precious);
        Files.createSymbolicLink(tree.resolve("link-to-dir"), outside);

        FileTrees.delete(tmp.resolve("tree"));

        assertThat(tmp.resolve("tree")).doesNotExist();
        assertThat(precious).hasContent("keep me");
        assertThat(outside.resolve("file")).hasContent("keep me too");
        assertThat(Files.exists(outside, LinkOption.NOFOLLOW_LINKS)).isTrue();
    }
}
