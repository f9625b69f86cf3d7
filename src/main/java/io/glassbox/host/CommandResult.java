package io.glassbox.host;

import java.time.Duration;
import java.util.List;

/** What a finished command printed and how it ended. */
public record CommandResult(List<String> argv, int exitCode, String stdout, String stderr, Duration elapsed) {

    public boolean succeeded() {
        return exitCode == 0;
    }
}
