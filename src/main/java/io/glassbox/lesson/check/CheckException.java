package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;

/**
 * A check that could not look at what it wanted, e.g. because the child process that should look could not
 * start inside the target. {@link Checks} turns it into a failed result that starts with "could not check: ".
 */
public final class CheckException extends RuntimeException {

    private final Phrase reason;

    public CheckException(Phrase reason) {
        super(reason.en());
        this.reason = reason;
    }

    /** What went wrong, in both languages. */
    public Phrase reason() {
        return reason;
    }

    /**
     * Returns {@code result} if the child ran to the end; the helper scripts of the checks always exit 0 and
     * print what they found, so any other status means nsenter, the target's /bin/sh or the tool failed.
     */
    static CommandResult requireRan(CommandResult result, Phrase what) {
        if (result.exitCode() == CommandRunner.TIMED_OUT) {
            long seconds = result.elapsed().toSeconds();
            throw new CheckException(what.plus(" did not finish within " + seconds + " s",
                    "未能在 " + seconds + " 秒内完成"));
        }
        if (result.stderr().contains("failed to execute /bin/sh")) {
            // nsenter --root runs the target's own /bin/sh, so a root without one cannot be looked into.
            throw new CheckException(what.plus(" needs a /bin/sh in that root, and there is none",
                    "需要那个根目录里有 /bin/sh，但没有"));
        }
        if (!result.succeeded()) {
            throw new CheckException(what.plus(" failed: ", "失败：").plus(said(result)));
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
