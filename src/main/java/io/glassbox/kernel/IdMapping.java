package io.glassbox.kernel;

/**
 * One line of a user namespace's {@code uid_map} or {@code gid_map} (man 7 user_namespaces): ids
 * {@code inside .. inside+count-1} in the namespace are {@code outside .. outside+count-1} in its parent.
 */
public record IdMapping(long inside, long outside, long count) {

    public static IdMapping parse(String line) {
        String[] f = line.trim().split("\\s+");
        if (f.length != 3) {
            throw new IllegalArgumentException("not an id map line: " + line);
        }
        return new IdMapping(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
    }

    /** The line to write into {@code /proc/<pid>/uid_map}. */
    public String toMapLine() {
        return inside + " " + outside + " " + count;
    }

    /** The identity mapping of the initial user namespace ({@code 0 0 4294967295}). */
    public boolean isIdentity() {
        return inside == 0 && outside == 0 && count == 4294967295L;
    }
}
