package io.glassbox.lesson.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads the JSON that iproute2 prints with {@code -j} (ip(8), option -json). */
public final class IpJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IpJson() {
    }

    /** Interfaces from {@code ip -j -d addr show}; {@code -d} adds linkinfo (the kind) and link_netnsid. */
    public static List<IpLink> links(String json) {
        List<IpLink> links = new ArrayList<>();
        for (JsonNode link : array(json)) {
            List<String> addresses = new ArrayList<>();
            for (JsonNode address : link.path("addr_info")) {
                if (address.has("local")) {
                    addresses.add(address.path("local").asText() + "/" + address.path("prefixlen").asInt());
                }
            }
            boolean up = false;
            for (JsonNode flag : link.path("flags")) {
                up |= flag.asText().equals("UP");
            }
            String kind = link.path("linkinfo").path("info_kind").asText(null);
            if (kind == null && link.path("link_type").asText().equals("loopback")) {
                kind = "loopback";
            }
            links.add(new IpLink(link.path("ifname").asText(), kind, up, link.path("operstate").asText(null),
                    link.path("master").asText(null), link.has("link_netnsid"), List.copyOf(addresses)));
        }
        return List.copyOf(links);
    }

    /** Routes from {@code ip -j route show}. */
    public static List<IpRoute> routes(String json) {
        List<IpRoute> routes = new ArrayList<>();
        for (JsonNode route : array(json)) {
            routes.add(new IpRoute(route.path("dst").asText(), route.path("gateway").asText(null),
                    route.path("dev").asText(null)));
        }
        return List.copyOf(routes);
    }

    private static JsonNode array(String json) {
        if (json.isBlank()) {
            return JSON.createArrayNode();
        }
        try {
            JsonNode node = JSON.readTree(json);
            if (!node.isArray()) {
                throw new CheckException(Phrase.of("ip printed JSON that is not a list: ", "ip 打印的 JSON 不是列表：")
                        .plus(Texts.excerpt(json)));
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("ip printed something that is not JSON: " + Texts.excerpt(json), e);
        }
    }
}
