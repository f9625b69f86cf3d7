package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.kernel.NamespaceType;
import java.util.EnumSet;
import java.util.List;

/**
 * The command lines the learner ran lately, for mistakes that recognise what was typed. They come from the lab
 * host's bash history: every interactive bash of the lab host appends each command line to /root/.bash_history
 * just before running it ({@code trap 'history -a' DEBUG}, set in the lab host's /etc/bash.bashrc), so the file
 * holds the lines as bash ran them, recalled and edited ones alike, which the raw keystrokes do not show, and
 * holds the line that started the shell the learner is in now ({@code unshare --pid bash}), whose next prompt
 * would only come when that shell exits. Shells whose root is not the lab host's (a busybox sh in a container) write no history here; a
 * lesson recognises mistakes made in there by the checks' state instead.
 *
 * <p>The file is the learner's to change (even to a symbolic link to a secret), so it is read by a child in the
 * lab host's user and mount namespaces, as the lab's own root, never by the server through /proc/pid/root.
 */
final class RecentCommands {

    /** How many of the last lines count as recent: the commands of about one stage. */
    static final int LINES = 10;

    static final String HISTORY = "/root/.bash_history";

    private RecentCommands() {
    }

    /** The last {@link #LINES} command lines, oldest first; none when there is no history (yet). */
    static List<String> read(CheckContext labHost) {
        CommandResult result = labHost.inLabHost(EnumSet.of(NamespaceType.USER, NamespaceType.MNT),
                "tail -n " + LINES + " " + HISTORY + " 2>/dev/null; exit 0");
        return result.succeeded() ? lines(result.stdout()) : List.of();
    }

    /** The non-blank lines of a history file's tail; bash's timestamp lines ({@code #1700000000}) are skipped. */
    static List<String> lines(String tail) {
        return tail.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.matches("#\\d+")).toList();
    }
}
