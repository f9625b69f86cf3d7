package io.glassbox.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.glassbox.app.GlassboxConfig;
import io.glassbox.session.SessionIds;
import io.glassbox.testing.HaproxyBalancer;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes manifests (deploy/kubernetes, docs/scaling.md) checked for what a cluster would only show at run
 * time: no validator (kubeconform, helm, kubectl) is packaged where CI installs from, and no cluster runs here. So
 * this parses every manifest kustomize would apply and checks the structure that the design rests on: the
 * probes' paths and ports, the Prometheus annotations, privilege, the configuration keys the server really
 * reads, one session route per pod that matches exactly that pod's session ids, WebSocket timeouts, and the
 * same routing in the HAProxy configuration MultiNodeIT runs.
 */
class DeployManifestsTest {

    private static final Path DIR = Path.of("deploy/kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyResourceOfTheKustomizationParsesAndIsNamed() throws IOException {
        JsonNode kustomization = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        assertThat(kustomization.get("kind").asText()).isEqualTo("Kustomization");
        List<JsonNode> all = manifests();
        assertThat(all).hasSizeGreaterThanOrEqualTo(kustomization.get("resources").size());
        for (JsonNode doc : all) {
            assertThat(doc.path("apiVersion").asText()).as(doc.toString()).isNotEmpty();
            assertThat(doc.path("kind").asText()).as(doc.toString()).isNotEmpty();
            assertThat(doc.path("metadata").path("name").asText()).as(doc.toString()).matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?");
        }
    }

    @Test
    void theNodesArePrivilegedProbedScrapedAndSized() throws IOException {
        JsonNode set = one("StatefulSet", "glassbox");
        JsonNode pod = set.at("/spec/template/spec");
        JsonNode container = pod.at("/containers/0");
        int port = container.at("/ports/0/containerPort").asInt();
        String portName = container.at("/ports/0/name").asText();

        assertThat(container.at("/securityContext/privileged").asBoolean()).as("privileged (namespaces, cgroups, sysctls)").isTrue();
        assertThat(pod.path("hostPID").asBoolean(false)).as("hostPID: lab hosts are PID namespaces in the pod's").isFalse();
        assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
        assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
        assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertThat(container.at("/" + probe + "/httpGet/port").asText()).as(probe + " port").isIn(portName,
                    Integer.toString(port));
        }
        JsonNode annotations = set.at("/spec/template/metadata/annotations");
        assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
        assertThat(annotations.path("prometheus.io/port").asText()).isEqualTo(Integer.toString(port));
        assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
        assertThat(container.at("/resources/requests/cpu").asText()).isNotEmpty();
        assertThat(container.at("/resources/requests/memory").asText()).isNotEmpty();
        assertThat(container.at("/resources/limits/memory").asText()).isNotEmpty();
        // SIGTERM tears every lab host down (up to 60 s in the server): the grace period must cover it.
        assertThat(pod.path("terminationGracePeriodSeconds").asInt()).isGreaterThanOrEqualTo(60);
        assertThat(pod.at("/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/0/topologyKey")
                .asText()).as("one Glassbox server per Kubernetes node").isEqualTo("kubernetes.io/hostname");
        // The node id is the pod name, which the per-pod Services and the session routes are named after.
        JsonNode nodeId = env(container).get("GLASSBOX_NODE_ID");
        assertThat(nodeId.at("/valueFrom/fieldRef/fieldPath").asText()).isEqualTo("metadata.name");
        assertThat(set.at("/spec/serviceName").asText()).isEqualTo(one("Service", "glassbox-nodes").at("/metadata/name").asText());
    }

    @Test
    void everyConfigurationKeyIsOneTheServerReads() throws IOException {
        Set<String> known = new TreeSet<>();
        glassboxProperties(GlassboxConfig.class, "glassbox", known);
        Properties application = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            application.load(in);
        }
        application.stringPropertyNames().stream().filter(k -> !k.startsWith("%")).forEach(known::add);
        Set<String> knownEnv = new TreeSet<>();
        known.forEach(k -> knownEnv.add(k.toUpperCase().replaceAll("[^A-Z0-9]", "_")));
        assertThat(knownEnv).contains("GLASSBOX_NODE_ID", "GLASSBOX_DATABASE_URL", "GLASSBOX_SESSIONS_MAX");

        JsonNode container = one("StatefulSet", "glassbox").at("/spec/template/spec/containers/0");
        Set<String> used = new TreeSet<>(env(container).keySet());
        one("ConfigMap", "glassbox-config").get("data").fieldNames().forEachRemaining(used::add);
        assertThat(container.at("/envFrom/0/configMapRef/name").asText()).isEqualTo("glassbox-config");
        assertThat(knownEnv).as("configuration keys the server reads").containsAll(used);
        assertThat(used).contains("GLASSBOX_DATABASE_URL", "GLASSBOX_DATABASE_USERNAME", "GLASSBOX_DATABASE_PASSWORD");
        assertThat(env(container).get("GLASSBOX_DATABASE_PASSWORD").at("/valueFrom/secretKeyRef/name").asText())
                .as("PostgreSQL's password comes from a Secret").isEqualTo("glassbox-database");
    }

    @Test
    void eachPodHasAServiceAndASessionRouteThatMatchesExactlyItsSessionIds() throws IOException {
        int replicas = one("StatefulSet", "glassbox").at("/spec/replicas").asInt();
        JsonNode sessions = one("Ingress", "glassbox-sessions");
        assertThat(sessions.at("/metadata/annotations/nginx.ingress.kubernetes.io~1use-regex").asText()).isEqualTo("true");
        Map<String, Pattern> routes = new LinkedHashMap<>();
        for (JsonNode path : sessions.at("/spec/rules/0/http/paths")) {
            routes.put(path.at("/backend/service/name").asText(), Pattern.compile("^" + path.get("path").asText()));
        }
        assertThat(routes).hasSize(replicas);
        for (int i = 0; i < replicas; i++) {
            String node = "glassbox-" + i;
            JsonNode service = one("Service", node);
            assertThat(service.at("/spec/selector/statefulset.kubernetes.io~1pod-name").asText()).isEqualTo(node);
            assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            String id = SessionIds.forNode(node).next();
            for (String request : List.of("/api/sessions/" + id, "/api/sessions/" + id + "/terminals/1",
                    "/api/sessions/" + id + "/check")) {
                List<String> matching = routes.entrySet().stream().filter(r -> r.getValue().matcher(request).find())
                        .map(Map.Entry::getKey).toList();
                assertThat(matching).as(request).containsExactly(node);
            }
        }
        // A single server's id (no node) and the collection itself go by learner, to the shared Service.
        assertThat(routes.values()).noneMatch(p -> p.matcher("/api/sessions/" + SessionIds.single().next()).find()
                || p.matcher("/api/sessions").find());
    }

    @Test
    void bothIngressesKeepIdleTerminalsAnHourAndTheSharedOneHashesByLearnerAndSpillsOver() throws IOException {
        for (String name : List.of("glassbox", "glassbox-sessions")) {
            JsonNode annotations = one("Ingress", name).at("/metadata/annotations");
            assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-read-timeout").asInt()).as(name).isGreaterThanOrEqualTo(3600);
            assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-send-timeout").asInt()).as(name).isGreaterThanOrEqualTo(3600);
        }
        JsonNode shared = one("Ingress", "glassbox");
        JsonNode annotations = shared.at("/metadata/annotations");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/upstream-hash-by").asText()).isEqualTo("$glassbox_route");
        assertThat(annotations.path("nginx.ingress.kubernetes.io/proxy-next-upstream").asText()).contains("http_503",
                "non_idempotent");
        assertThat(shared.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).isEqualTo("glassbox");
        String snippet = YAML.readTree(DIR.resolve("ingress-nginx-routing.yaml").toFile()).at("/data/http-snippet").asText();
        assertThat(snippet).contains("$glassbox_route", "$cookie_glassbox_learner", "/learners/", "$request_id");
    }

    @Test
    void theHaproxyConfigurationRoutesAsTheIngressDoesAndHaproxyAcceptsIt() throws Exception {
        String template = Files.readString(HaproxyBalancer.TEMPLATE);
        Matcher acl = Pattern.compile("path_reg (\\S+)").matcher(template);
        assertThat(acl.find()).isTrue();
        String ingressPath = one("Ingress", "glassbox-sessions").at("/spec/rules/0/http/paths/0/path").asText();
        assertThat(acl.group(1).replace("@NODE@", "glassbox-0")).isEqualTo("^" + ingressPath);
        assertThat(template).contains("timeout tunnel 1h", "hash-type consistent", "retry-on conn-failure empty-response 503", "option redispatch -1",
                "http-request del-header Upgrade if { req.hdr(Upgrade) -i h2c }",
                "req.cook(glassbox_learner),field(1,.)", "option httpchk GET /q/health/ready");

        Map<String, Integer> nodes = new LinkedHashMap<>(Map.of("glassbox-0", 8142));
        nodes.put("glassbox-1", 8143);
        String rendered = HaproxyBalancer.render(template, 8145, 8146, nodes);
        assertThat(rendered).contains("server glassbox-1 127.0.0.1:8143", "backend node_glassbox-0",
                "use_backend node_glassbox-1 if session_on_glassbox-1", "bind 127.0.0.1:8145");
        assertThat(rendered.lines().filter(line -> !line.strip().startsWith("#"))).as("placeholders left")
                .noneMatch(line -> line.contains("@"));
        if (Files.isExecutable(HaproxyBalancer.BINARY)) {
            Path config = Files.createTempFile("glassbox-haproxy-", ".cfg");
            try {
                Files.writeString(config, rendered);
                Process check = new ProcessBuilder(HaproxyBalancer.BINARY.toString(), "-c", "-f", config.toString())
                        .redirectErrorStream(true).start();
                String output = new String(check.getInputStream().readAllBytes());
                assertThat(check.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(check.exitValue()).as("haproxy -c: " + output).isZero();
            } finally {
                Files.deleteIfExists(config);
            }
        }
    }

    // --- helpers ------------------------------------------------------------------------------------------

    /** Every document of every file kustomization.yaml lists, in order. */
    private static List<JsonNode> manifests() throws IOException {
        List<JsonNode> docs = new ArrayList<>();
        for (JsonNode resource : YAML.readTree(DIR.resolve("kustomization.yaml").toFile()).get("resources")) {
            Path file = DIR.resolve(resource.asText());
            assertThat(file).as("a resource of kustomization.yaml").isRegularFile();
            try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && !doc.isEmpty()) {
                        docs.add(doc);
                    }
                }
            }
        }
        return docs;
    }

    private static JsonNode one(String kind, String name) throws IOException {
        List<JsonNode> found = manifests().stream().filter(d -> d.path("kind").asText().equals(kind)
                && d.at("/metadata/name").asText().equals(name)).toList();
        assertThat(found).as(kind + " " + name).hasSize(1);
        return found.get(0);
    }

    private static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> env = new LinkedHashMap<>();
        container.path("env").forEach(e -> env.put(e.get("name").asText(), e));
        return env;
    }

    /** The property names of a {@code @ConfigMapping} interface: method names in kebab case, nested by group. */
    private static void glassboxProperties(Class<?> mapping, String prefix, Set<String> out) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.getParameterCount() != 0 || method.isDefault() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String name = prefix + "." + method.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
            if (method.getReturnType().isInterface() && method.getReturnType().getEnclosingClass() == GlassboxConfig.class) {
                glassboxProperties(method.getReturnType(), name, out);
            } else {
                out.add(name);
            }
        }
    }
}
