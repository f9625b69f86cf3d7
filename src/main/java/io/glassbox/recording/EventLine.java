package io.glassbox.recording;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One event line being built, as UTF-8 bytes, reused for every event of a recording. Output that is valid UTF-8
 * (nearly all of it) is escaped byte by byte straight into the line, without decoding it to a String and encoding
 * it back: a flood of output costs the writer a fraction of what it would (see docs/recordings.md, "Bounds").
 */
final class EventLine {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes = new byte[1024];
    private int length;

    /** {@code [seconds, "code", "data"]\n} with {@code data} given as UTF-8 bytes (valid: see {@link #isUtf8}). */
    EventLine event(long micros, char code, byte[] data, int offset, int count) {
        start(micros, code);
        quoted(data, offset, count);
        return finish();
    }

    /** The same with {@code data} as text. */
    EventLine event(long micros, char code, String data) {
        byte[] utf8 = data.getBytes(StandardCharsets.UTF_8);
        return event(micros, code, utf8, 0, utf8.length);
    }

    private void start(long micros, char code) {
        length = 0;
        ensure(32);
        bytes[length++] = '[';
        long fraction = micros % 1_000_000;
        ascii(Long.toString(micros / 1_000_000));
        bytes[length++] = '.';
        for (long digit = 100_000; digit > 0; digit /= 10) {
            bytes[length++] = (byte) ('0' + fraction / digit % 10);
        }
        bytes[length++] = ',';
        bytes[length++] = ' ';
        bytes[length++] = '"';
        bytes[length++] = (byte) code;
        bytes[length++] = '"';
        bytes[length++] = ',';
        bytes[length++] = ' ';
    }

    private EventLine finish() {
        ensure(2);
        bytes[length++] = ']';
        bytes[length++] = '\n';
        return this;
    }

    /** A JSON string (RFC 8259 section 7): quotes, backslashes and control characters escaped, the rest as is. */
    private void quoted(byte[] data, int offset, int count) {
        ensure(count * 6 + 2); // at worst every byte becomes a six-character escape
        bytes[length++] = '"';
        for (int i = offset; i < offset + count; i++) {
            byte b = data[i];
            if (b == '"' || b == '\\') {
                bytes[length++] = '\\';
                bytes[length++] = b;
            } else if (b >= 0 && b < 0x20 || b == 0x7f) {
                bytes[length++] = '\\';
                switch (b) {
                    case '\n' -> bytes[length++] = 'n';
                    case '\r' -> bytes[length++] = 'r';
                    case '\t' -> bytes[length++] = 't';
                    case '\b' -> bytes[length++] = 'b';
                    case '\f' -> bytes[length++] = 'f';
                    default -> {
                        bytes[length++] = 'u';
                        bytes[length++] = '0';
                        bytes[length++] = '0';
                        bytes[length++] = HEX[b >> 4];
                        bytes[length++] = HEX[b & 0xf];
                    }
                }
            } else {
                bytes[length++] = b;
            }
        }
        bytes[length++] = '"';
    }

    private void ascii(String text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    int length() {
        return length;
    }

    byte[] copy() {
        return Arrays.copyOf(bytes, length);
    }

    void writeTo(OutputStream out) throws IOException {
        out.write(bytes, 0, length);
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    /**
     * Whether the bytes are well-formed UTF-8 (RFC 3629 section 4: no overlong forms, no surrogates, nothing past
     * U+10FFFF), so they can go into a JSON string as they are.
     */
    static boolean isUtf8(byte[] data, int offset, int count) {
        int i = offset;
        int end = offset + count;
        while (i < end) {
            int b = data[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int needed;
            int low = 0x80;
            int high = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                needed = 1;
            } else if (b >= 0xe0 && b <= 0xef) {
                needed = 2;
                low = b == 0xe0 ? 0xa0 : 0x80;
                high = b == 0xed ? 0x9f : 0xbf;
            } else if (b >= 0xf0 && b <= 0xf4) {
                needed = 3;
                low = b == 0xf0 ? 0x90 : 0x80;
                high = b == 0xf4 ? 0x8f : 0xbf;
            } else {
                return false;
            }
            if (i + needed >= end) {
                return false; // cut short
            }
            int second = data[i + 1] & 0xff;
            if (second < low || second > high) {
                return false;
            }
            for (int k = 2; k <= needed; k++) {
                if ((data[i + k] & 0xc0) != 0x80) {
                    return false;
                }
            }
            i += needed + 1;
        }
        return true;
    }
}
