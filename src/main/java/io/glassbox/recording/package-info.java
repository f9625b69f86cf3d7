/**
 * Recordings: every terminal of a workshop session, kept as an asciicast v2 file an instructor or the learner can
 * replay.
 *
 * <p>An asciicast is a line of JSON describing the terminal (its size, when it started) followed by one line per
 * event: {@code [seconds, "o", "text"]} for output, {@code "r"} for a resize, {@code "i"} for input (off unless
 * asked for: keystrokes can be passwords) and {@code "m"} for a marker, set here at every check result, hint and
 * Show me so a replay can jump to them. The terminal hands each event to a {@link io.glassbox.terminal.TerminalTap}
 * that only copies it into memory; one writer thread for the whole server encodes and appends it to disk. A
 * session's recording is kept in segment files under a size cap: when it is reached, the oldest segment goes and
 * the served file starts with a marker that says how much was dropped. docs/recordings.md describes it all.
 */
package io.glassbox.recording;
