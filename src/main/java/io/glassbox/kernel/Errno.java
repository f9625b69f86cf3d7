package io.glassbox.kernel;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;

/**
 * Recovers the errno name from a JDK I/O exception. The JDK reports a failed system call with the text of
 * strerror(3) ("Device or resource busy"); people search for the name ("EBUSY"), and man pages list it.
 */
public final class Errno {

    private static final Map<String, String> BY_MESSAGE = Map.ofEntries(
            Map.entry("Operation not permitted", "EPERM"),
            Map.entry("No such file or directory", "ENOENT"),
            Map.entry("No such process", "ESRCH"),
            Map.entry("Interrupted system call", "EINTR"),
            Map.entry("Input/output error", "EIO"),
            Map.entry("Argument list too long", "E2BIG"),
            Map.entry("Bad file descriptor", "EBADF"),
            Map.entry("Resource temporarily unavailable", "EAGAIN"),
            Map.entry("Cannot allocate memory", "ENOMEM"),
            Map.entry("Permission denied", "EACCES"),
            Map.entry("Device or resource busy", "EBUSY"),
            Map.entry("File exists", "EEXIST"),
            Map.entry("Invalid cross-device link", "EXDEV"),
            Map.entry("No such device", "ENODEV"),
            Map.entry("Not a directory", "ENOTDIR"),
            Map.entry("Is a directory", "EISDIR"),
            Map.entry("Invalid argument", "EINVAL"),
            Map.entry("No space left on device", "ENOSPC"),
            Map.entry("Read-only file system", "EROFS"),
            Map.entry("Too many links", "EMLINK"),
            Map.entry("Directory not empty", "ENOTEMPTY"),
            Map.entry("Too many levels of symbolic links", "ELOOP"),
            Map.entry("Operation not supported", "EOPNOTSUPP"),
            Map.entry("Disk quota exceeded", "EDQUOT"));

    private Errno() {
    }

    /** The errno name behind {@code e}, or its message when it does not name one. */
    public static String of(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "ENOENT";
        }
        if (e instanceof FileAlreadyExistsException) {
            return "EEXIST";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "ENOTEMPTY";
        }
        String reason = e instanceof FileSystemException fse && fse.getReason() != null ? fse.getReason() : e.getMessage();
        if (reason == null) {
            return e instanceof AccessDeniedException ? "EACCES" : e.getClass().getSimpleName();
        }
        for (Map.Entry<String, String> entry : BY_MESSAGE.entrySet()) {
            if (reason.contains(entry.getKey())) {
                return entry.getValue();
            }
        }
        return e instanceof AccessDeniedException ? "EACCES" : reason;
    }
}
