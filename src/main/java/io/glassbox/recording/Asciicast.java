package io.glassbox.recording;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The asciicast v2 format (https://docs.asciinema.org/manual/asciicast/v2/): a header line, then one JSON array
 * per event, {@code [time, code, data]}, with the time in seconds since the start. Written by hand, not by a JSON
 * library: an event line is built on the writer thread for every chunk of output, and only strings need escaping.
 */
final class Asciicast {

    static final char OUTPUT = 'o';
    static final char INPUT = 'i';
    static final char RESIZE = 'r';
    static final char MARKER = 'm';

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Asciicast() {
    }

    /** The header line (without its newline). */
    static String header(int columns, int rows, Instant started, String title) {
        StringBuilder line = new StringBuilder(160).append("{\"version\": 2, \"width\": ").append(columns)
                .append(", \"height\": ").append(rows).append(", \"timestamp\": ").append(started.getEpochSecond())
                .append(", \"title\": ");
        string(line, title);
        return line.append(", \"env\": {\"TERM\": \"xterm-256color\", \"SHELL\": \"/bin/sh\"}}").toString();
    }

    /** One event line, newline included: {@code [1.234567, "o", "text"]}. */
    static void event(StringBuilder out, long micros, char code, String data) {
        out.append('[');
        seconds(out, micros);
        out.append(", \"").append(code).append("\", ");
        string(out, data);
        out.append("]\n");
    }

    /** A resize's data, as asciicast writes it: {@code "80x24"}. */
    static String size(int columns, int rows) {
        return columns + "x" + rows;
    }

    /** Seconds with microseconds, as asciinema writes them (no exponent, no locale). */
    static void seconds(StringBuilder out, long micros) {
        long fraction = micros % 1_000_000;
        out.append(micros / 1_000_000).append('.');
        for (long digit = 100_000; digit > 0; digit /= 10) {
            out.append((char) ('0' + fraction / digit % 10));
        }
    }

    /** A JSON string literal (RFC 8259 section 7): quotes, backslashes and control characters escaped. */
    static void string(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * How many of the first {@code length} bytes form whole UTF-8 characters: a read of the terminal can end in the
     * middle of one, and decoding that half alone would turn it into a replacement character. The rest waits for
     * the next chunk.
     */
    static int wholeCharacters(byte[] bytes, int length) {
        for (int back = 1; back <= Math.min(3, length); back++) {
            int b = bytes[length - back] & 0xff;
            if ((b & 0xc0) == 0x80) {
                continue; // a continuation byte: its lead is further back
            }
            int needed = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
            return needed > back ? length - back : length;
        }
        return length;
    }

    /** The time of an event line in microseconds, or -1 when it is not one. */
    static long micros(String line) {
        int comma = line.indexOf(',');
        if (!line.startsWith("[") || comma < 2) {
            return -1;
        }
        try {
            return Math.round(Double.parseDouble(line.substring(1, comma)) * 1_000_000);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The code of an event line ('o', 'r', 'm', ...), or 0 when it is not one. */
    static char code(String line) {
        int at = line.indexOf(", \"");
        return at < 0 || line.length() < at + 5 ? 0 : line.charAt(at + 3);
    }

    /** UTF-8 bytes of a line. */
    static byte[] bytes(CharSequence text) {
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
