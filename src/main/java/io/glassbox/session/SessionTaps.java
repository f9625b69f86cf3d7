package io.glassbox.session;

import io.glassbox.terminal.TerminalTap;

/**
 * Gives each terminal of a new session its tap (a recording), asked once per terminal as it opens. Called on
 * the thread that opens the terminal, so it must not block.
 */
@FunctionalInterface
public interface SessionTaps {

    /** No session is tapped. */
    SessionTaps NONE = (session, owner, lesson, tab) -> TerminalTap.NONE;

    /**
     * @param session the session's id
     * @param owner the workshop learner who owns it, or null for an anonymous session
     * @param lesson the lesson it follows, or null for a free sandbox
     * @param tab the terminal's tab number, from 1
     */
    TerminalTap tap(String session, String owner, String lesson, int tab);
}
