package io.glassbox.host;

import io.glassbox.kernel.KernelException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command that exited non-zero or timed out, reported as the kernel operation it attempted: the program,
 * its arguments, the errno it printed (when its message names one) and its own words.
 */
public final class CommandFailedException extends KernelException {

    private static final Pattern STRERROR = Pattern.compile(
            "(Operation not permitted|No such file or directory|No such process|Permission denied|"
                    + "Device or resource busy|File exists|Invalid argument|No space left on device|"
                    + "Read-only file system|Directory not empty|Cannot allocate memory|Resource temporarily unavailable|"
                    + "Operation not supported|No such device|Not a directory|Too many levels of symbolic links)");

    private final CommandResult result;

    public CommandFailedException(CommandResult result, String hint) {
        super(program(result.argv()), String.join(" ", result.argv().subList(1, result.argv().size())),
                errno(result), describe(result, hint));
        this.result = result;
    }

    public CommandResult result() {
        return result;
    }

    private static String program(List<String> argv) {
        String first = argv.get(0);
        return first.substring(first.lastIndexOf('/') + 1);
    }

    private static String errno(CommandResult result) {
        Matcher m = STRERROR.matcher(result.stderr());
        if (m.find()) {
            return io.glassbox.kernel.Errno.of(new java.io.IOException(m.group(1)));
        }
        return result.exitCode() == CommandRunner.TIMED_OUT ? "timed out after " + result.elapsed().toMillis() + " ms"
                : "exit status " + result.exitCode();
    }

    private static String describe(CommandResult result, String hint) {
        String said = result.stderr().strip();
        if (said.isEmpty()) {
            said = result.stdout().strip();
        }
        if (said.length() > 2000) {
            said = said.substring(said.length() - 2000);
        }
        if (hint == null || hint.isBlank()) {
            return said;
        }
        return said.isEmpty() ? hint : said + "; " + hint;
    }
}
