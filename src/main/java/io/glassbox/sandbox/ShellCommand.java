package io.glassbox.sandbox;

import java.util.List;
import java.util.Map;

/** How to start a login shell inside a lab host: the argv for a pseudo-terminal and its whole environment. */
public record ShellCommand(List<String> argv, Map<String, String> environment) {
}
