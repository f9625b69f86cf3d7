package io.glassbox.sandbox;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What every learner process runs under, where the machine allows it: no_new_privs and a seccomp filter that
 * refuses (EPERM) kernel surfaces no lesson needs, applied in front of each shell and of the lab's init, so
 * everything a learner starts inherits it. Costs the lessons nothing: namespaces, mounts, pivot_root, cgroups,
 * veth and iptables all stay allowed. The filter is compiled once at start-up by confine.py with libseccomp's
 * Python binding (Debian: python3-seccomp) and applied by confine.pl, since perl starts in a few milliseconds
 * and python in tens, which a learner would wait for at every new terminal; where perl is missing (or cannot
 * start quietly) confine.py applies it itself. Both run from the lab host's /usr. Without python3-seccomp,
 * lab hosts run unfiltered and the start-up probe says so.
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

    private static final String PYTHON = "/usr/bin/python3";
    private static final String PERL = "/usr/bin/perl";
    private static final String COMPILER = load("confine.py");
    private static final String LOADER = load("confine.pl");

    /** The argv that applies the filter, before the loader's options and the program; empty when disabled. */
    private final List<String> prefix;

    private Confinement(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /**
     * Compiles the filter if this machine's python3 has libseccomp's binding and picks how to apply it: perl
     * where it applies it and starts without a word (a locale it lacks would make it warn in every terminal),
     * else python3 at every start; unfiltered without the binding.
     */
    public static Confinement detect(CommandRunner commands) {
        String denied = String.join(",", DENIED);
        CommandResult compiled = commands.run(List.of(PYTHON, "-I", "-S", "-c", COMPILER, denied, "--export"));
        String[] exported = compiled.stdout().trim().split(" ");
        if (compiled.exitCode() != 0 || exported.length != 2) {
            return none();
        }
        Confinement perl = new Confinement(List.of(PERL, "-e", LOADER, exported[0], exported[1]));
        // Run as the shells are, in the C.UTF-8 locale (CommandRunner's environment and LabHost's alike).
        CommandResult probe = commands.run(perl.wrap(List.of("true")));
        return probe.exitCode() == 0 && probe.stderr().isEmpty() ? perl : seccomp();
    }

    /** Filters learner processes, compiling the filter at every start (python3 -c confine.py); python3-seccomp is there. */
    public static Confinement seccomp() {
        return new Confinement(List.of(PYTHON, "-I", "-S", "-c", COMPILER, String.join(",", DENIED)));
    }

    /** Runs learner processes unfiltered (the machine lacks python3-seccomp). */
    public static Confinement none() {
        return new Confinement(List.of());
    }

    public boolean enabled() {
        return !prefix.isEmpty();
    }

    /** One line for the start-up report and GET /api/host. */
    public String describe() {
        return enabled() ? "no_new_privs and a seccomp filter refusing " + DENIED.size() + " system calls ("
                + String.join(", ", DENIED) + "), applied by " + (prefix.get(0).equals(PERL) ? "perl" : "python3")
                : "NONE: learner processes run without a seccomp filter (install python3-seccomp and restart)";
    }

    /** What lab-init.sh puts in front of tini: empty when disabled. */
    List<String> initPrefix() {
        return wrap(List.of());
    }

    /** {@code command}, behind the filter when enabled. */
    public List<String> wrap(List<String> command) {
        return enabled() ? concat(prefix, List.of("--"), command) : List.copyOf(command);
    }

    /**
     * {@code command} in {@code directory} (a login shell in its home), behind the filter when enabled: the
     * loader changes directory before it execs, so a shell needs no {@code sh -c 'cd && exec ...'} in front, one
     * exec less before every prompt. Where the directory cannot be entered (a learner removed it) the loader says
     * so and the command starts where it is, as login(1) does.
     */
    public List<String> wrapIn(String directory, List<String> command) {
        List<String> options = List.of("-C", directory, "--");
        return enabled() ? concat(prefix, options, command)
                : concat(List.of("/bin/sh", "-c", "cd \"$0\"; exec \"$@\"", directory), command);
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> argv = new ArrayList<>();
        for (List<String> part : parts) {
            argv.addAll(part);
        }
        return argv;
    }

    private static String load(String resource) {
        try (InputStream in = Confinement.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
