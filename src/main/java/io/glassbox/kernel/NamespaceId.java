package io.glassbox.kernel;

/**
 * The identity of a namespace: its type and the inode number the kernel shows in the {@code /proc/<pid>/ns}
 * link ({@code uts:[4026531838]}). Two processes share a namespace exactly when these are equal (the device
 * is always nsfs, so the inode alone identifies it on one machine).
 */
public record NamespaceId(NamespaceType type, long inode) {

    /** Parses the text of a {@code /proc/<pid>/ns/<type>} link. */
    public static NamespaceId parse(String linkText) {
        int open = linkText.indexOf(":[");
        if (open < 0 || !linkText.endsWith("]")) {
            throw new IllegalArgumentException("not a namespace link: " + linkText);
        }
        String name = linkText.substring(0, open);
        NamespaceType type = NamespaceType.parse(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown namespace type in " + linkText));
        return new NamespaceId(type, Long.parseLong(linkText.substring(open + 2, linkText.length() - 1)));
    }

    @Override
    public String toString() {
        return type.procName() + ":[" + inode + "]";
    }
}
