package io.glassbox.sandbox;

import io.glassbox.host.HostReport;
import io.glassbox.host.StartupFailure;
import java.util.Locale;

/**
 * Picks the isolation mode from the host report and the configured wish ({@code auto}, {@code userns} or
 * {@code privileged}). Asking for userns where the kernel cannot do it is an error at start-up, never a
 * silent downgrade: an instructor who expects learners to be contained must learn that they would not be.
 */
public record IsolationChoice(IsolationMode mode, String reason) {

    public static IsolationChoice choose(HostReport report, String requested) {
        report.failure().ifPresent(failure -> {
            throw failure;
        });
        String wish = requested == null ? "auto" : requested.strip().toLowerCase(Locale.ROOT);
        boolean userns = report.supportsUserNamespaceIsolation();
        return switch (wish) {
            case "auto" -> userns
                    ? new IsolationChoice(IsolationMode.USERNS, "auto: user namespaces and overlayfs in them work")
                    : new IsolationChoice(IsolationMode.PRIVILEGED, "auto: " + whyNotUserns(report)
                            + "; learners are real root inside their namespaces, so run ONE learner per VM");
            case "userns" -> {
                if (!userns) {
                    throw new StartupFailure("glassbox.sandbox.isolation=userns, but " + whyNotUserns(report),
                            "use a kernel with user namespaces and overlayfs in them (Linux 5.11+),"
                            + " or set glassbox.sandbox.isolation=privileged on a single-learner VM");
                }
                yield new IsolationChoice(IsolationMode.USERNS, "configured");
            }
            case "privileged" -> new IsolationChoice(IsolationMode.PRIVILEGED,
                    "configured; learners are real root inside their namespaces, so run ONE learner per VM");
            default -> throw new StartupFailure("glassbox.sandbox.isolation must be auto, userns or privileged, not '"
                    + requested + "'", "set it to auto, which picks the best this machine can do");
        };
    }

    private static String whyNotUserns(HostReport report) {
        if (!report.userNamespaces().ok()) {
            return "user namespaces do not work here (" + report.userNamespaces().detail() + ")";
        }
        return "overlayfs cannot be used inside a user namespace here (" + report.overlayInUserNamespace().detail() + ")";
    }
}
