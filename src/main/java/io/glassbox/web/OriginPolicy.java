package io.glassbox.web;

import io.glassbox.app.GlassboxConfig;
import java.net.URI;
import java.util.List;
import java.util.Locale;

/**
 * Which pages may open a terminal. A browser sends {@code Origin} with every WebSocket handshake, and a
 * page from another site must not reach a learner's shell with the learner's cookies or URL (cross-site
 * WebSocket hijacking), so by default only the server's own origin is accepted: the Origin's host and port
 * must be the Host the browser connected to. More origins can be allowed by configuration. A handshake
 * without Origin does not come from a browser page; it still needs the token.
 */
record OriginPolicy(List<String> allowedOrigins) {

    /** The server's own origin and those of glassbox.web.allowed-origins. */
    static OriginPolicy configured(GlassboxConfig config) {
        return new OriginPolicy(config.web().allowedOrigins().orElse(List.of()));
    }

    OriginPolicy {
        allowedOrigins = allowedOrigins.stream().map(OriginPolicy::normalize).toList();
    }

    boolean allows(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return true;
        }
        String normalized = normalize(origin);
        if (allowedOrigins.contains(normalized)) {
            return true;
        }
        try {
            URI uri = URI.create(normalized);
            String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            return host != null && authority != null && authority.equalsIgnoreCase(host.strip());
        } catch (IllegalArgumentException malformed) {
            return false;
        }
    }

    private static String normalize(String origin) {
        String trimmed = origin.strip().toLowerCase(Locale.ROOT);
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }
}
