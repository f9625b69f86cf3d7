package io.glassbox.lesson.check;

import java.util.Locale;

/**
 * Sizes as lessons and people write them: {@code 64M}, {@code 512K}, {@code 1G} or a number of bytes. The
 * suffixes are powers of 1024, as in the kernel's own parser (memparse, used for memory.limit_in_bytes) and
 * in docker run --memory.
 */
public final class ByteSize {

    private ByteSize() {
    }

    /** Parses a size; fails with a message naming the text for anything else. */
    public static long parse(String text) {
        String t = text == null ? "" : text.strip();
        if (!t.matches("[0-9]+[KMGkmg]?")) {
            throw new IllegalArgumentException("not a size: '" + text + "' (write e.g. 64M, 512K, 1G or bytes)");
        }
        char last = Character.toUpperCase(t.charAt(t.length() - 1));
        int shift = switch (last) {
            case 'K' -> 10;
            case 'M' -> 20;
            case 'G' -> 30;
            default -> 0;
        };
        String digits = shift == 0 ? t : t.substring(0, t.length() - 1);
        long value = Long.parseLong(digits);
        if (value > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("size too large: '" + text + "'");
        }
        return value << shift;
    }

    /** {@code 67108864} as "64 MiB", {@code 1000} as "1000 bytes": exact, in the largest unit that divides it. */
    public static String format(long bytes) {
        String[] units = {"GiB", "MiB", "KiB"};
        int[] shifts = {30, 20, 10};
        for (int i = 0; i < units.length; i++) {
            long unit = 1L << shifts[i];
            if (bytes != 0 && bytes % unit == 0) {
                return String.format(Locale.ROOT, "%d %s", bytes / unit, units[i]);
            }
        }
        return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
}
