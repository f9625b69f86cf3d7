package io.glassbox.kernel.mount;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One row of {@code /proc/<pid>/mountinfo} (man 5 proc):
 * {@code 36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw,errors=continue}.
 *
 * @param root the directory of the filesystem that forms the root of this mount (not "/" for bind mounts)
 * @param options per-mount options (rw, nosuid, ...)
 * @param optionalFields propagation tags such as {@code shared:1} or {@code master:2}
 * @param superOptions per-superblock options, e.g. overlay's {@code lowerdir=...}
 */
public record MountEntry(int id, int parentId, String device, String root, String mountPoint, List<String> options,
        List<String> optionalFields, String fsType, String source, List<String> superOptions) {

    public static MountEntry parse(String line) {
        String[] f = line.split(" ");
        int separator = Arrays.asList(f).indexOf("-");
        if (separator < 6 || f.length < separator + 3) {
            throw new IllegalArgumentException("not a mountinfo line: " + line);
        }
        return new MountEntry(
                Integer.parseInt(f[0]),
                Integer.parseInt(f[1]),
                f[2],
                unescape(f[3]),
                unescape(f[4]),
                List.of(f[5].split(",")),
                List.of(Arrays.copyOfRange(f, 6, separator)),
                f[separator + 1],
                unescape(f[separator + 2]),
                f.length > separator + 3 ? splitOptions(f[separator + 3]) : List.of());
    }

    public Propagation propagation() {
        boolean shared = false;
        boolean slave = false;
        for (String field : optionalFields) {
            if (field.startsWith("shared:")) {
                shared = true;
            } else if (field.startsWith("master:")) {
                slave = true;
            } else if (field.equals("unbindable")) {
                return Propagation.UNBINDABLE;
            }
        }
        // A mount that is both shared and slave (shared:N master:M) still sends events to its peers.
        return shared ? Propagation.SHARED : slave ? Propagation.SLAVE : Propagation.PRIVATE;
    }

    public boolean isReadOnly() {
        return options.contains("ro");
    }

    public boolean hasOption(String option) {
        return options.contains(option) || superOptions.contains(option);
    }

    public Optional<OverlayLayers> overlay() {
        return fsType.equals("overlay") ? Optional.of(OverlayLayers.fromOptions(superOptions)) : Optional.empty();
    }

    /** Splits super options on commas, keeping escaped commas ({@code \,}) inside overlay paths. */
    private static List<String> splitOptions(String text) {
        List<String> result = new ArrayList<>();
        for (String option : unescape(text).split("(?<!\\\\),")) {
            result.add(option.replace("\\,", ","));
        }
        return List.copyOf(result);
    }

    /** The kernel escapes space, tab, newline and backslash in paths as three-digit octal ({@code \040}). */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && isOctal(text, i + 1)) {
                out.append((char) Integer.parseInt(text.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isOctal(String text, int from) {
        if (from + 3 > text.length()) {
            return false;
        }
        for (int i = from; i < from + 3; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '7') {
                return false;
            }
        }
        return true;
    }
}
