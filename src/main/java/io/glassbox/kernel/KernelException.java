package io.glassbox.kernel;

import java.io.IOException;

/**
 * A kernel operation that failed, described so a person can act on it: the operation, its arguments, the
 * errno, and a hint where one is known, e.g.
 * {@code pivot_root new_root=/tmp/rootfs put_old=/tmp/rootfs/oldroot: EBUSY (new_root must be a mount point)}.
 */
public class KernelException extends RuntimeException {

    private final String operation;
    private final String arguments;
    private final String errno;
    private final String hint;

    public KernelException(String operation, String arguments, String errno, String hint, Throwable cause) {
        super(format(operation, arguments, errno, hint), cause);
        this.operation = operation;
        this.arguments = arguments;
        this.errno = errno;
        this.hint = hint;
    }

    public KernelException(String operation, String arguments, String errno, String hint) {
        this(operation, arguments, errno, hint, null);
    }

    /** Wraps an I/O failure on a kernel file (cgroupfs, procfs) with the errno it stands for. */
    public static KernelException of(String operation, String arguments, IOException cause, String hint) {
        return new KernelException(operation, arguments, Errno.of(cause), hint, cause);
    }

    public String operation() {
        return operation;
    }

    public String arguments() {
        return arguments;
    }

    /** The errno name (EBUSY, EPERM, ...) or a short failure description when no errno applies. */
    public String errno() {
        return errno;
    }

    public String hint() {
        return hint;
    }

    private static String format(String operation, String arguments, String errno, String hint) {
        StringBuilder message = new StringBuilder(operation);
        if (arguments != null && !arguments.isBlank()) {
            message.append(' ').append(arguments);
        }
        message.append(": ").append(errno == null ? "failed" : errno);
        if (hint != null && !hint.isBlank()) {
            message.append(" (").append(hint).append(')');
        }
        return message.toString();
    }
}
