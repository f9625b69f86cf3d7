package io.glassbox.sandbox;

import io.glassbox.host.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What every learner process runs under, where the machine allows it: no_new_privs and a seccomp filter that
 * refuses (EPERM) kernel surfaces no lesson needs, applied by confine.py in front of each shell and of the lab's
 * init, so everything a learner starts inherits it. Costs the lessons nothing: namespaces, mounts, pivot_root,
 * cgroups, veth and iptables all stay allowed. Needs python3 with libseccomp's binding in the lab host's /usr
 * (Debian: python3-seccomp); without it, lab hosts run unfiltered and the start-up probe says so.
 */
public final class Confinement {

    /**
     * Refused with EPERM. Keyrings are not namespaced (a learner could fill or read the machine's); bpf,
     * perf_event_open, userfaultfd and io_uring are the kernel's most exploited surfaces; kexec and module loading
     * change the kernel; open_by_handle_at opens files by handle, around mount namespaces; acct, swapon/off and
     * syslog act on the whole machine.
     */
    public static final List<String> DENIED = List.of("keyctl", "add_key", "request_key", "bpf", "perf_event_open",
            "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "kexec_load", "kexec_file_load",
            "init_module", "finit_module", "delete_module", "open_by_handle_at", "acct", "swapon", "swapoff", "syslog");

    private static final String SCRIPT = load();

    private final boolean enabled;

    private Confinement(boolean enabled) {
        this.enabled = enabled;
    }

    /** Filters learner processes if this machine's python3 has libseccomp's binding, else runs them unfiltered. */
    public static Confinement detect(CommandRunner commands) {
        return new Confinement(commands.run(List.of("/usr/bin/python3", "-I", "-S", "-c", SCRIPT, "", "--", "true"))
                .exitCode() == 0);
    }

    /** Filters learner processes; the caller checked that python3 can import seccomp. */
    public static Confinement seccomp() {
        return new Confinement(true);
    }

    /** Runs learner processes unfiltered (the machine lacks python3-seccomp). */
    public static Confinement none() {
        return new Confinement(false);
    }

    public boolean enabled() {
        return enabled;
    }

    /** One line for the start-up report and GET /api/host. */
    public String describe() {
        return enabled ? "no_new_privs and a seccomp filter refusing " + DENIED.size() + " system calls ("
                + String.join(", ", DENIED) + ")"
                : "NONE: learner processes run without a seccomp filter (install python3-seccomp and restart)";
    }

    /** What lab-init.sh puts in front of tini: empty when disabled. */
    List<String> initPrefix() {
        return wrap(List.of());
    }

    /** {@code command}, behind the filter when enabled. */
    public List<String> wrap(List<String> command) {
        if (!enabled) {
            return command;
        }
        List<String> argv = new ArrayList<>(List.of("/usr/bin/python3", "-I", "-S", "-c", SCRIPT, String.join(",", DENIED), "--"));
        argv.addAll(command);
        return argv;
    }

    private static String load() {
        try (InputStream in = Confinement.class.getResourceAsStream("confine.py")) {
            if (in == null) {
                throw new IllegalStateException("confine.py is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
