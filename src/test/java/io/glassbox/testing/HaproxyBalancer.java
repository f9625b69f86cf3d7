package io.glassbox.testing;

import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real HAProxy (the Debian package) in front of several Glassbox nodes on this machine, routing as the
 * Kubernetes ingress does (docs/scaling.md, "Routing"): it runs deploy/haproxy/glassbox.cfg, the same file an
 * operator without Kubernetes uses, with the nodes filled in. Runs in the foreground ({@code -db}) as a child
 * of the test, so stopping it is killing one process.
 */
public final class HaproxyBalancer implements AutoCloseable {

    public static final Path BINARY = Path.of("/usr/sbin/haproxy");
    public static final Path TEMPLATE = Path.of("deploy/haproxy/glassbox.cfg");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int statsPort;

    private HaproxyBalancer(Process process, int statsPort) {
        this.process = process;
        this.statsPort = statsPort;
    }

    /**
     * Writes the configuration for {@code nodes} (node id to its HTTP port on 127.0.0.1) into {@code dir}, checks it
     * with {@code haproxy -c}, starts HAProxy on {@code port} (its stats on {@code statsPort}) and waits until it
     * sees every node up.
     */
    public static HaproxyBalancer start(int port, int statsPort, Map<String, Integer> nodes, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path config = Files.writeString(dir.resolve("haproxy.cfg"), render(Files.readString(TEMPLATE), port, statsPort, nodes));
        Path log = dir.resolve("haproxy.log");
        Process check = new ProcessBuilder(BINARY.toString(), "-c", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        if (!check.waitFor(30, TimeUnit.SECONDS) || check.exitValue() != 0) {
            throw new AssertionError("haproxy -c refused " + config + ":\n" + Files.readString(log));
        }
        Process process = new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        process.getOutputStream().close();
        HaproxyBalancer balancer = new HaproxyBalancer(process, statsPort);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!process.isAlive()) {
                throw new AssertionError("haproxy exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                if (balancer.serverStates().values().stream().filter("UP"::equals).count() == 2L * nodes.size()) {
                    return balancer;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                balancer.close();
                throw new AssertionError("haproxy did not see every node up within 30 s; see " + log);
            }
            Thread.sleep(200);
        }
    }

    /**
     * The configuration template with its placeholders filled: {@code @BIND@}, {@code @STATS@}, and the lines
     * between {@code # each node:} and {@code # end}, repeated for every node with {@code @NODE@} and
     * {@code @ADDRESS@} replaced.
     */
    public static String render(String template, int port, int statsPort, Map<String, Integer> nodes) {
        StringBuilder out = new StringBuilder();
        List<String> block = null;
        for (String line : template.split("\n", -1)) {
            String marker = line.strip();
            if (marker.equals("# each node:")) {
                block = new ArrayList<>();
            } else if (marker.equals("# end") && block != null) {
                for (Map.Entry<String, Integer> node : nodes.entrySet()) {
                    for (String repeated : block) {
                        out.append(repeated.replace("@NODE@", node.getKey())
                                .replace("@ADDRESS@", "127.0.0.1:" + node.getValue())).append('\n');
                    }
                }
                block = null;
            } else if (block != null) {
                block.add(line);
            } else {
                out.append(line.replace("@BIND@", "127.0.0.1:" + port).replace("@STATS@", "127.0.0.1:" + statsPort))
                        .append('\n');
            }
        }
        if (block != null) {
            throw new IllegalArgumentException("the balancer template opens '# each node:' without '# end'");
        }
        return out.toString();
    }

    /** "backend/server" to its state as HAProxy's health checks see it (UP, DOWN, ...), from the stats CSV. */
    public Map<String, String> serverStates() throws IOException, InterruptedException {
        HttpResponse<String> csv = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + statsPort
                + "/stats;csv")).timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        Map<String, String> states = new LinkedHashMap<>();
        for (String line : csv.body().lines().toList()) {
            String[] f = line.split(",", -1);
            // pxname, svname, ... status is column 18 (index 17); FRONTEND/BACKEND rows are the proxies themselves.
            if (f.length > 17 && !line.startsWith("#") && !f[1].equals("FRONTEND") && !f[1].equals("BACKEND")) {
                states.put(f[0] + "/" + f[1], f[17].split(" ")[0]);
            }
        }
        return states;
    }

    /** Waits until every server entry of {@code node} is DOWN: HAProxy's checks noticed a lost node. */
    public Duration awaitDown(String node, Duration limit) throws IOException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            List<String> states = new ArrayList<>();
            serverStates().forEach((key, state) -> {
                if (key.endsWith("/" + node)) {
                    states.add(state);
                }
            });
            if (!states.isEmpty() && states.stream().allMatch(s -> s.startsWith("DOWN"))) {
                return Duration.ofNanos(System.nanoTime() - start);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("haproxy still routes to " + node + " " + limit.toSeconds() + " s after it was killed: "
                + serverStates());
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Whether something listens on {@code port} of 127.0.0.1 (a leftover balancer or node). */
    public static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException free) {
            return false;
        }
    }
}
