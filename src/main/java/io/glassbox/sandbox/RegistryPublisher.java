package io.glassbox.sandbox;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Publishes the lab's {@code web} image as a read-only registry: the pull side of the OCI distribution API
 * ("distribution-spec", "Pulling manifests" and "Pulling blobs") as static files that busybox httpd serves
 * by path under {@code www/v2/}:
 *
 * <pre>
 *   v2/index.html                     GET /v2/ answers {} (the API's "are you a registry?")
 *   v2/_catalog, v2/web/tags/list     which repositories and tags there are
 *   v2/web/manifests/&lt;tag&gt;            the image manifest a tag names: 1.0, 1.1 and latest (= 1.1)
 *   v2/web/manifests/sha256:&lt;hex&gt;     the same manifests by digest, the sha256 of their bytes
 *   v2/web/blobs/sha256:&lt;hex&gt;         image configs and gzip-compressed layer tars, by digest
 * </pre>
 *
 * <p>Tag 1.0 holds the layers base and site; 1.1 adds update (which deletes the build cache with a
 * whiteout). Both share the base and site blobs, as images in a registry do. A real registry also sends the
 * manifest's media type as Content-Type and its digest as Docker-Content-Digest; busybox httpd sends a
 * generic type and no digest header, which the lesson says.
 *
 * <p>Everything is deterministic (see {@link TarWriter} and {@link OciLayer}): the same layers give the same
 * digests on every start. The tree is built next to {@code www}, then renamed into place, before httpd starts.
 */
final class RegistryPublisher {

    static final String REPOSITORY = "web";
    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";
    static final String CONFIG_TYPE = "application/vnd.oci.image.config.v1+json";
    /** The epoch of {@link TarWriter#MTIME}, as history timestamps. */
    private static final String CREATED = "2026-01-01T00:00:00Z";
    private static final List<String> CMD = List.of("httpd", "-f", "-p", "80", "-h", "/var/www");

    private RegistryPublisher() {
    }

    /** A tag and the layers of its image, bottom-up, each with the history line that says what it did. */
    record Image(List<String> tags, Map<String, String> layers) {
    }

    /** The tags of the lab's web image, from {@code images/web/layers}. */
    static List<Image> webImages() {
        Map<String, String> v10 = new LinkedHashMap<>();
        v10.put("base", "the busybox image");
        v10.put("site", "COPY site /var/www (and a 1 MiB build cache)");
        Map<String, String> v11 = new LinkedHashMap<>(v10);
        v11.put("update", "a new home page; RUN rm /var/cache/build.cache");
        return List.of(new Image(List.of("1.0"), v10), new Image(List.of("1.1", "latest"), v11));
    }

    /** Replaces {@code www/v2} with the registry of {@code images}, whose layers are directories of {@code layers}. */
    static void publish(Path layers, List<Image> images, Path www) throws IOException {
        Path staging = Files.createTempDirectory(www.getParent(), "registry-build-");
        try {
            Files.setPosixFilePermissions(staging, PosixFilePermissions.fromString("rwxr-xr-x"));
            write(layers, images, staging);
            FileTrees.delete(www.resolve("v2"));
            Files.move(staging, www.resolve("v2"), StandardCopyOption.ATOMIC_MOVE);
        } finally {
            FileTrees.delete(staging);
        }
    }

    private static void write(Path layers, List<Image> images, Path v2) throws IOException {
        Path repository = v2.resolve(REPOSITORY);
        Map<String, OciLayer> built = new LinkedHashMap<>();
        List<String> tags = new ArrayList<>();
        for (Image image : images) {
            List<OciLayer> imageLayers = new ArrayList<>();
            for (String name : image.layers().keySet()) {
                OciLayer layer = built.get(name);
                if (layer == null) {
                    layer = OciLayer.of(layers.resolve(name));
                    built.put(name, layer);
                    blob(repository, layer.digest(), layer.compressed());
                }
                imageLayers.add(layer);
            }
            byte[] config = config(imageLayers, image.layers().values()).getBytes(StandardCharsets.UTF_8);
            String configDigest = OciLayer.sha256(config);
            blob(repository, configDigest, config);
            byte[] manifest = manifest(configDigest, config.length, imageLayers).getBytes(StandardCharsets.UTF_8);
            for (String tag : image.tags()) {
                file(repository.resolve("manifests/" + tag), manifest);
                tags.add(tag);
            }
            file(repository.resolve("manifests/" + OciLayer.sha256(manifest)), manifest);
        }
        file(v2.resolve("index.html"), "{}\n".getBytes(StandardCharsets.UTF_8));
        file(v2.resolve("_catalog"), ("{\"repositories\": [\"" + REPOSITORY + "\"]}\n").getBytes(StandardCharsets.UTF_8));
        file(repository.resolve("tags/list"), ("{\"name\": \"" + REPOSITORY + "\", \"tags\": " + strings(tags) + "}\n")
                .getBytes(StandardCharsets.UTF_8));
    }

    /** The image config (image-spec "config.md"): what to run, and the diff_ids, the digests of the uncompressed tars. */
    static String config(List<OciLayer> layers, Iterable<String> history) {
        List<String> historyLines = new ArrayList<>();
        history.forEach(line -> historyLines.add("    {\"created\": \"" + CREATED + "\", \"created_by\": "
                + string(line) + "}"));
        return "{\n"
                + "  \"created\": \"" + CREATED + "\",\n"
                + "  \"architecture\": \"" + architecture() + "\",\n"
                + "  \"os\": \"linux\",\n"
                + "  \"config\": {\n"
                + "    \"Env\": [\"PATH=/usr/sbin:/usr/bin:/sbin:/bin\"],\n"
                + "    \"Cmd\": " + strings(CMD) + ",\n"
                + "    \"WorkingDir\": \"/\"\n"
                + "  },\n"
                + "  \"rootfs\": {\n"
                + "    \"type\": \"layers\",\n"
                + "    \"diff_ids\": " + strings(layers.stream().map(OciLayer::diffId).toList()) + "\n"
                + "  },\n"
                + "  \"history\": [\n" + String.join(",\n", historyLines) + "\n  ]\n"
                + "}\n";
    }

    /** The image manifest (image-spec "manifest.md"): the config and the layers bottom-up, each by digest and size. */
    static String manifest(String configDigest, long configSize, List<OciLayer> layers) {
        String layerLines = layers.stream()
                .map(layer -> "    " + descriptor(OciLayer.MEDIA_TYPE, layer.digest(), layer.compressed().length))
                .collect(Collectors.joining(",\n"));
        return "{\n"
                + "  \"schemaVersion\": 2,\n"
                + "  \"mediaType\": \"" + MANIFEST_TYPE + "\",\n"
                + "  \"config\": " + descriptor(CONFIG_TYPE, configDigest, configSize) + ",\n"
                + "  \"layers\": [\n" + layerLines + "\n  ]\n"
                + "}\n";
    }

    private static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\": \"" + mediaType + "\", \"digest\": \"" + digest + "\", \"size\": " + size + "}";
    }

    /** The image runs the machine's own busybox, so it is for the machine's architecture (GOARCH names). */
    private static String architecture() {
        String arch = System.getProperty("os.arch");
        return switch (arch) {
            case "amd64", "x86_64" -> "amd64";
            case "aarch64" -> "arm64";
            default -> arch;
        };
    }

    private static void blob(Path repository, String digest, byte[] content) throws IOException {
        file(repository.resolve("blobs/" + digest), content);
    }

    /** Readable by httpd, which runs as nobody. */
    private static void file(Path path, byte[] content) throws IOException {
        directories(path.getParent());
        Files.write(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static void directories(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            directories(dir.getParent());
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static String strings(List<String> values) {
        return values.stream().map(RegistryPublisher::string).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String string(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
