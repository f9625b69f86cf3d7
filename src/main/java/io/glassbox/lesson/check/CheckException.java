package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;

/**
 * A check that could not look at what it wanted, e.g. because the child process that should look could not
 * start inside the target. {@link Checks} turns it into a failed result that starts with "could not check: ".
 */
public final class CheckException extends RuntimeException {

    public CheckException(String message) {
        super(message);
    }

    /**
     * Returns {@code result} if the child ran to the end; the helper scripts of the checks always exit 0 and
     * print what they found, so any other status means nsenter, the target's /bin/sh or the tool failed.
     */
    static CommandResult requireRan(CommandResult result, String what) {
        if (result.exitCode() == CommandRunner.TIMED_OUT) {
            throw new CheckException(what + " did not finish within " + result.elapsed().toSeconds() + " s");
        }
        if (result.stderr().contains("failed to execute /bin/sh")) {
            // nsenter --root runs the target's own /bin/sh, so a root without one cannot be looked into.
            throw new CheckException(what + " needs a /bin/sh in that root, and there is none");
        }
        if (!result.succeeded()) {
            throw new CheckException(what + " failed: " + said(result));
        }
        return result;
    }

    /** What a command said about its failure, shortened for a one-line message. */
    static String said(CommandResult result) {
        String text = result.stderr().strip();
        if (text.isEmpty()) {
            text = result.stdout().strip();
        }
        if (text.isEmpty()) {
            text = "exit status " + result.exitCode();
        }
        return Texts.shorten(text.replace('\n', ' '), 300);
    }

    /** True when {@code result} failed before running its command: nsenter or the cgroup prologue said so. */
    static boolean failedToEnter(CommandResult result) {
        return result.exitCode() == 125 || result.stderr().startsWith("nsenter: ")
                || result.stderr().contains("\nnsenter: ");
    }
}
