package io.glassbox.host;

import java.util.List;

/**
 * A reason this machine, or this configuration, cannot run the server, said as one line a person can act on:
 * what is wrong and why, then the fix: the package to install, the chmod, the setting or the unit option.
 * Thrown where the code knows the fix; the engine turns it, and any other start-up failure, into that one line
 * and a non-zero exit status instead of a stack trace (io.glassbox.app.StartupReport).
 *
 * <p>An IllegalStateException: the machine is not in a state the server can start in.
 */
public class StartupFailure extends IllegalStateException {

    private final String problem;
    private final String fix;
    private final boolean temporary;

    public StartupFailure(String problem, String fix) {
        this(problem, fix, null);
    }

    public StartupFailure(String problem, String fix, Throwable cause) {
        this(problem, fix, cause, false);
    }

    private StartupFailure(String problem, String fix, Throwable cause, boolean temporary) {
        super(line(problem, fix), cause);
        this.problem = problem;
        this.fix = fix == null ? "" : fix;
        this.temporary = temporary;
    }

    /** A failure that may pass by itself (a database server still starting), so a restart is worth trying. */
    public static StartupFailure temporary(String problem, String fix, Throwable cause) {
        return new StartupFailure(problem, fix, cause, true);
    }

    /** Whether a restart may succeed without anyone changing the machine or the configuration. */
    public boolean isTemporary() {
        return temporary;
    }

    /** What is wrong, and why. */
    public String problem() {
        return problem;
    }

    /** What to do about it; empty when the problem says it all. */
    public String fix() {
        return fix;
    }

    /** The report line (also the message): the problem, then "Fix: ..." where there is one, on one line. */
    public String line() {
        return getMessage();
    }

    private static String line(String problem, String fix) {
        String said = oneLine(problem);
        return fix == null || fix.isBlank() ? said : said.replaceFirst("\\.$", "") + ". Fix: " + oneLine(fix);
    }

    /** {@code text} with every run of white space (newlines from a command's stderr included) as one space. */
    public static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    /**
     * The packages that hold {@code tools}, for an install command: Debian's names, then RHEL/CentOS's. Tools
     * neither knows are listed as themselves.
     */
    public static String installFix(List<String> tools) {
        List<String> debian = tools.stream().map(tool -> Tool.of(tool).debian()).distinct().toList();
        List<String> rpm = tools.stream().map(tool -> Tool.of(tool).rpm()).distinct().toList();
        return "apt-get install " + String.join(" ", debian) + " (RHEL/CentOS: yum install " + String.join(" ", rpm)
                + "; deploy/provision.sh installs everything)";
    }

    /** Where each tool Glassbox runs comes from (dpkg -S on Debian 12; the RPM names of RHEL/CentOS 7+). */
    private record Tool(String debian, String rpm) {

        static Tool of(String tool) {
            return switch (tool) {
                case "unshare", "nsenter", "pivot_root", "setpriv", "ipcmk", "ipcs" -> new Tool("util-linux",
                        "util-linux");
                case "lsns" -> new Tool("util-linux", "util-linux (2.28+: CentOS 7's 2.23 has no lsns)");
                case "mount", "umount" -> new Tool("mount", "util-linux");
                case "ip" -> new Tool("iproute2", "iproute");
                case "iptables", "iptables-restore" -> new Tool("iptables", "iptables");
                case "busybox" -> new Tool("busybox-static", "busybox");
                case "ps", "sysctl" -> new Tool("procps", "procps-ng");
                case "hostname" -> new Tool("hostname", "hostname");
                case "mknod", "cp" -> new Tool("coreutils", "coreutils");
                default -> new Tool(tool, tool);
            };
        }
    }
}
