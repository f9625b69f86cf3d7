package io.glassbox.terminal;

/** What a client may do with a terminal. */
public enum TerminalMode {
    /** Type, resize and restart. One client at a time; the newest takes over. */
    CONTROL,
    /** See the output only (an instructor watching). */
    WATCH;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
