package io.glassbox.app;

import io.glassbox.host.StartupFailure;
import io.glassbox.kernel.KernelException;
import io.quarkus.runtime.PreventFurtherStepsException;
import java.nio.file.FileSystemException;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Ends a start-up that cannot go on with one line a person can act on, e.g. {@code Glassbox cannot start: the
 * data dir /root/gb is not reachable by lab hosts: /root is not searchable by other users, ... Fix: chmod o+x
 * /root, ...}, and a non-zero exit status, instead of a screen of stack trace with that sentence inside.
 *
 * <p>How it ends: when the root cause of a failed start-up is a {@link PreventFurtherStepsException} with a
 * message, Quarkus prints that message alone on standard error, stops the application and exits with its exit
 * code; any other exception is logged with its stack trace. The stack trace is still there for whoever
 * needs it, at DEBUG: {@code -Dquarkus.log.category."io.glassbox.app".level=DEBUG}.
 */
final class StartupReport {

    /**
     * The machine or the configuration cannot run Glassbox (EX_CONFIG, sysexits.h): a restart would fail the
     * same way, so glassbox.service does not restart on it (RestartPreventExitStatus=78).
     */
    static final int CANNOT_RUN_HERE = 78;

    /** Anything else (a database not answering yet, a data dir locked by another server): worth a restart. */
    static final int FAILED = 1;

    static final String PREFIX = "Glassbox cannot start: ";

    private static final String DEBUG_HINT = " (the stack trace: -Dquarkus.log.category.\"io.glassbox.app\".level=DEBUG)";

    private static final Logger LOG = Logger.getLogger(StartupReport.class);

    private StartupReport() {
    }

    /**
     * The exception that ends start-up with {@code failure}'s line; logs the failure itself at DEBUG. The
     * {@link PreventFurtherStepsException} must arrive as the root cause of another: thrown bare out of a
     * StartupEvent observer, Quarkus 3.33's generated start-up catches it, skips the remaining steps and then
     * waits forever, neither printing nor exiting.
     */
    static IllegalStateException stop(Throwable failure) {
        LOG.debug("start-up failed", failure);
        String line = PREFIX + line(failure);
        return new IllegalStateException(line, new PreventFurtherStepsException(line, exitCode(failure)));
    }

    /**
     * One line: a {@link StartupFailure}'s own (problem and fix) wherever it is in the cause chain, else the
     * first message in the chain that says more than the name of its cause (wrappers such as
     * CompletionException only repeat it), with a pointer to the stack trace.
     */
    static String line(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure known) {
                return known.line();
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String said = said(t);
            if (!said.isEmpty()) {
                return StartupFailure.oneLine(said) + (t instanceof KernelException ? "" : DEBUG_HINT);
            }
        }
        return failure.getClass().getSimpleName() + DEBUG_HINT;
    }

    /** 78 for what the machine or configuration must change first, 1 for what a restart may get past. */
    static int exitCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StartupFailure known) {
                return known.isTemporary() ? FAILED : CANNOT_RUN_HERE;
            }
            if (t instanceof KernelException) {
                return CANNOT_RUN_HERE;
            }
        }
        return FAILED;
    }

    /** What {@code t} itself says: "" for a wrapper whose message is only its cause's toString(). */
    private static String said(Throwable t) {
        String message = t.getMessage();
        if (message == null || message.isBlank()
                || (t.getCause() != null && Objects.equals(message, t.getCause().toString()))) {
            return "";
        }
        if (t instanceof FileSystemException file) { // its message is only the path: say what happened to it
            return t.getClass().getSimpleName() + " " + file.getFile()
                    + (file.getOtherFile() == null ? "" : " -> " + file.getOtherFile())
                    + (file.getReason() == null ? "" : ": " + file.getReason());
        }
        return message;
    }
}
