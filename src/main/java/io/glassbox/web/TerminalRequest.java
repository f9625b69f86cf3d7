package io.glassbox.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The query of a terminal WebSocket URL: {@code token}, and optionally {@code mode=watch}, {@code since=N},
 * {@code cols=C&rows=R} (0 when not given), {@code lang=en|zh-CN} (the language of pushed check results; else
 * the handshake's Accept-Language). Malformed numbers are ignored rather than refused: they only tune the
 * connection.
 */
record TerminalRequest(String token, boolean watch, OptionalLong since, int columns, int rows, String lang) {

    static TerminalRequest parse(String query) {
        Map<String, String> params = new HashMap<>();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String key = decode(equals < 0 ? pair : pair.substring(0, equals));
                params.putIfAbsent(key, equals < 0 ? "" : decode(pair.substring(equals + 1)));
            }
        }
        long since = number(params.get("since"), -1);
        return new TerminalRequest(params.get("token"), "watch".equals(params.get("mode")),
                since >= 0 ? OptionalLong.of(since) : OptionalLong.empty(),
                (int) number(params.get("cols"), 0), (int) number(params.get("rows"), 0), params.get("lang"));
    }

    private static long number(String text, long fallback) {
        if (text == null || !text.matches("\\d{1,15}")) {
            return fallback;
        }
        return Long.parseLong(text);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
