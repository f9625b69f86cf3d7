package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry of a fixture image, read back the way a client pulls it: every digest names its content, the
 * manifests reference every blob, the layer tars unpack with GNU tar, and the whiteout travels in OCI's form.
 */
class RegistryPublisherTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path layers;
    Path www;

    @BeforeEach
    void fixture() throws IOException, InterruptedException {
        layers = dir.resolve("layers");
        RootfsWriter.file(layers.resolve("base/etc/passwd"), "root:x:0:0:root:/root:/bin/sh\n");
        RootfsWriter.file(layers.resolve("base/bin/busybox"), "not really busybox");
        Files.createSymbolicLink(layers.resolve("base/bin/sh"), Path.of("busybox"));
        RootfsWriter.file(layers.resolve("site/var/www/index.html"), "site\n");
        RootfsWriter.file(layers.resolve("site/var/cache/build.cache"), "x".repeat(4096));
        RootfsWriter.file(layers.resolve("update/var/www/index.html"), "update\n");
        Files.createDirectories(layers.resolve("update/var/cache"));
        // An overlay whiteout needs CAP_MKNOD (root, or root of a user namespace).
        Process mknod = new ProcessBuilder("mknod", layers.resolve("update/var/cache/build.cache").toString(), "c", "0",
                "0").redirectErrorStream(true).start();
        assumeTrue(mknod.waitFor() == 0, "mknod of an overlay whiteout (c 0 0) needs CAP_MKNOD");
        www = Files.createDirectories(dir.resolve("internet/www"));
    }

    @Test
    void everyDigestNamesItsContentAndTheManifestReferencesEveryBlob() throws IOException {
        RegistryPublisher.publish(layers, RegistryPublisher.webImages(), www);
        Path repo = www.resolve("v2/web");

        assertThat(www.resolve("v2/index.html")).hasContent("{}");
        byte[] latest = Files.readAllBytes(repo.resolve("manifests/latest"));
        assertThat(repo.resolve("manifests/1.1")).hasBinaryContent(latest);
        assertThat(repo.resolve("manifests/" + OciLayer.sha256(latest))).as("pull by digest").hasBinaryContent(latest);

        JsonNode manifest = JSON.readTree(latest);
        assertThat(manifest.path("mediaType").asText()).isEqualTo("application/vnd.oci.image.manifest.v1+json");
        List<JsonNode> descriptors = new ArrayList<>();
        descriptors.add(manifest.path("config"));
        manifest.path("layers").forEach(descriptors::add);
        assertThat(descriptors).hasSize(4);
        for (JsonNode descriptor : descriptors) {
            Path blob = repo.resolve("blobs/" + descriptor.path("digest").asText());
            assertThat(blob).exists();
            byte[] content = Files.readAllBytes(blob);
            assertThat(OciLayer.sha256(content)).isEqualTo(descriptor.path("digest").asText());
            assertThat((long) content.length).isEqualTo(descriptor.path("size").asLong());
        }
        try (var blobs = Files.list(repo.resolve("blobs"))) {
            blobs.forEach(blob -> assertThat(blob.getFileName().toString())
                    .isEqualTo(OciLayer.sha256(read(blob))));
        }

        JsonNode config = JSON.readTree(Files.readAllBytes(repo.resolve("blobs/" + manifest.path("config").path("digest")
                .asText())));
        assertThat(config.path("config").path("Cmd").get(0).asText()).isEqualTo("httpd");
        JsonNode diffIds = config.path("rootfs").path("diff_ids");
        for (int i = 0; i < 3; i++) {
            byte[] gz = read(repo.resolve("blobs/" + manifest.path("layers").get(i).path("digest").asText()));
            assertThat(diffIds.get(i).asText()).as("diff_id: the sha256 of the uncompressed tar")
                    .isEqualTo(OciLayer.sha256(gunzip(gz)));
        }
    }

    @Test
    void layersUnpackWithTarAndCarryTheWhiteoutInOciForm() throws IOException, InterruptedException {
        RegistryPublisher.publish(layers, RegistryPublisher.webImages(), www);
        Path repo = www.resolve("v2/web");
        JsonNode manifest = JSON.readTree(Files.readAllBytes(repo.resolve("manifests/latest")));
        Path update = repo.resolve("blobs/" + manifest.path("layers").get(2).path("digest").asText());
        String listing = run("tar", "-tvzf", update.toString());
        assertThat(listing).contains("var/cache/.wh.build.cache").contains("root/root")
                .contains("2026-01-01").doesNotContain("var/cache/build.cache\n");

        Path base = repo.resolve("blobs/" + manifest.path("layers").get(0).path("digest").asText());
        Path unpacked = Files.createDirectories(dir.resolve("unpacked"));
        run("tar", "-xzf", base.toString(), "-C", unpacked.toString());
        assertThat(unpacked.resolve("etc/passwd")).hasContent("root:x:0:0:root:/root:/bin/sh");
        assertThat(Files.readSymbolicLink(unpacked.resolve("bin/sh"))).isEqualTo(Path.of("busybox"));
    }

    @Test
    void digestsAreStableAcrossStartsAndTagsShareLayers() throws IOException {
        RegistryPublisher.publish(layers, RegistryPublisher.webImages(), www);
        byte[] first = Files.readAllBytes(www.resolve("v2/web/manifests/latest"));
        // Different mtimes on disk must not change a digest.
        Files.setLastModifiedTime(layers.resolve("site/var/www/index.html"),
                java.nio.file.attribute.FileTime.fromMillis(0));
        RegistryPublisher.publish(layers, RegistryPublisher.webImages(), www);
        assertThat(www.resolve("v2/web/manifests/latest")).hasBinaryContent(first);
        assertThat(dir.resolve("internet")).isDirectoryNotContaining(p -> p.getFileName().toString()
                .startsWith("registry-build-"));

        JsonNode latest = JSON.readTree(first);
        JsonNode v10 = JSON.readTree(Files.readAllBytes(www.resolve("v2/web/manifests/1.0")));
        assertThat(v10.path("layers")).hasSize(2);
        for (int i = 0; i < 2; i++) {
            assertThat(v10.path("layers").get(i).path("digest")).isEqualTo(latest.path("layers").get(i).path("digest"));
        }
        assertThat(JSON.readTree(Files.readAllBytes(www.resolve("v2/web/tags/list"))).path("tags").toString())
                .isEqualTo("[\"1.0\",\"1.1\",\"latest\"]");
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    private static String run(String... argv) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(String.join(" ", argv) + ": " + output).isZero();
        return output;
    }
}
