package io.glassbox.terminal;

import java.time.Duration;

/**
 * How terminals behave.
 *
 * @param scrollbackBytes output kept per terminal for reconnecting clients
 * @param windowBytes output a client may have unacknowledged before the server stops sending to it (and,
 *                    for the controlling client, stops reading the program)
 * @param grace how long a terminal with no client keeps its shell
 * @param maxTabs terminals per session
 * @param resizeInterval the least time between two window size changes the shell sees
 */
public record TerminalSettings(int scrollbackBytes, int windowBytes, Duration grace, int maxTabs,
        Duration resizeInterval) {

    public TerminalSettings {
        if (windowBytes < 4096 || windowBytes > scrollbackBytes) {
            throw new IllegalArgumentException("the flow-control window must be 4 KiB or more and at most the scrollback");
        }
        if (maxTabs < 1) {
            throw new IllegalArgumentException("a session needs at least one terminal");
        }
    }

    public static TerminalSettings defaults() {
        return new TerminalSettings(256 * 1024, 256 * 1024, Duration.ofMinutes(5), 8, Duration.ofMillis(50));
    }
}
