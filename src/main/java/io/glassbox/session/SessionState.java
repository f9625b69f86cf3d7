package io.glassbox.session;

/** Where a session is in its life. */
public enum SessionState {
    /** The lab host runs and accepts terminals. */
    RUNNING,
    /** Teardown has been requested or is in progress. */
    ENDING
}
