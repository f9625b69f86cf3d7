package io.glassbox.kernel;

import java.util.Locale;
import java.util.Optional;

/**
 * The eight namespace types of Linux (man 7 namespaces), each named as in {@code /proc/<pid>/ns/}.
 */
public enum NamespaceType {
    CGROUP("cgroup", "cgroup", "--cgroup"),
    IPC("ipc", "IPC", "--ipc"),
    MNT("mnt", "mount", "--mount"),
    NET("net", "network", "--net"),
    PID("pid", "PID", "--pid"),
    TIME("time", "time", "--time"),
    USER("user", "user", "--user"),
    UTS("uts", "UTS", "--uts");

    private final String procName;
    private final String displayName;
    private final String unshareFlag;

    NamespaceType(String procName, String displayName, String unshareFlag) {
        this.procName = procName;
        this.displayName = displayName;
        this.unshareFlag = unshareFlag;
    }

    /** The file name under {@code /proc/<pid>/ns/} and the prefix of its link text ({@code uts:[4026531838]}). */
    public String procName() {
        return procName;
    }

    /** How people write it: "UTS", "mount", "network". */
    public String displayName() {
        return displayName;
    }

    /** The unshare(1) and nsenter(1) option that selects this type. */
    public String unshareFlag() {
        return unshareFlag;
    }

    /** Accepts the proc name ("mnt"), the display name ("mount") or the enum name, in any case. */
    public static Optional<NamespaceType> parse(String text) {
        String wanted = text.trim().toLowerCase(Locale.ROOT);
        for (NamespaceType type : values()) {
            if (type.procName.equals(wanted) || type.displayName.toLowerCase(Locale.ROOT).equals(wanted)
                    || type.name().toLowerCase(Locale.ROOT).equals(wanted)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
