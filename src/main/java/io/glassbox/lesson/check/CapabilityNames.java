package io.glassbox.lesson.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Capability numbers and the names people write them by: the kernel's CAP_* constants
 * (include/uapi/linux/capability.h), lower-case and without the prefix, as setpriv and Docker's
 * {@code --cap-drop} accept them. The numbers are the bits of the hexadecimal masks in /proc/pid/status.
 */
final class CapabilityNames {

    /** Index = capability number. Linux 5.9 added checkpoint_restore (40), the last one to date. */
    static final List<String> NAMES = List.of("chown", "dac_override", "dac_read_search", "fowner", "fsetid", "kill",
            "setgid", "setuid", "setpcap", "linux_immutable", "net_bind_service", "net_broadcast", "net_admin",
            "net_raw", "ipc_lock", "ipc_owner", "sys_module", "sys_rawio", "sys_chroot", "sys_ptrace", "sys_pacct",
            "sys_admin", "sys_boot", "sys_nice", "sys_resource", "sys_time", "sys_tty_config", "mknod", "lease",
            "audit_write", "audit_control", "setfcap", "mac_override", "mac_admin", "syslog", "wake_alarm",
            "block_suspend", "audit_read", "perfmon", "bpf", "checkpoint_restore");

    private CapabilityNames() {
    }

    /** The canonical name of {@code written} ("CAP_SYS_ADMIN", "sys_admin"), or a CheckException naming it. */
    static String canonical(String written) {
        String name = written.strip().toLowerCase(Locale.ROOT);
        name = name.startsWith("cap_") ? name.substring(4) : name;
        if (!NAMES.contains(name)) {
            throw new CheckException(Texts.lessonMistake("the lesson names an unknown capability '" + written
                    + "' (names as setpriv prints them: chown, net_admin, sys_admin, ...)"));
        }
        return name;
    }

    /**
     * The names of the bits set in {@code hex}, a mask as /proc/pid/status prints it ("000001ffffffffff").
     * A bit newer than this table is named cap_N, so a newer kernel's mask still reads completely.
     */
    static Set<String> decode(String hex) {
        long mask;
        try {
            mask = Long.parseUnsignedLong(hex.strip(), 16);
        } catch (NumberFormatException e) {
            throw new CheckException(Phrase.of("/proc/pid/status shows a capability mask that is not hexadecimal: '"
                    + hex + "'", "/proc/pid/status 里的能力掩码不是十六进制数：'" + hex + "'"));
        }
        Set<String> held = new TreeSet<>();
        for (int bit = 0; bit < 64; bit++) {
            if ((mask & (1L << bit)) != 0) {
                held.add(bit < NAMES.size() ? NAMES.get(bit) : "cap_" + bit);
            }
        }
        return held;
    }

    /**
     * "none" / "无", "all 41" / "全部 41 项", or the names in capability order, the way setpriv -d lists them
     * (names read the same in either language).
     */
    static Phrase describe(Set<String> held) {
        if (held.isEmpty()) {
            return Phrase.of("none", "无");
        }
        if (held.containsAll(NAMES)) {
            return Phrase.of("all " + held.size(), "全部 " + held.size() + " 项");
        }
        List<String> ordered = new ArrayList<>();
        NAMES.stream().filter(held::contains).forEach(ordered::add);
        held.stream().filter(name -> !NAMES.contains(name)).forEach(ordered::add);
        return Phrase.literal(String.join(",", ordered));
    }
}
