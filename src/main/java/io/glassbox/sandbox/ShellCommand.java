package io.glassbox.sandbox;

import java.util.List;
import java.util.Map;

/**
 * How to start a login shell inside a lab host: the argv, its whole environment, and its terminal: a new one
 * of the devpts at /dev/pts in the root of process {@code terminalIn} (the lab's init), owned by
 * {@code terminalOwner} (the lab's root, as the machine numbers it).
 */
public record ShellCommand(List<String> argv, Map<String, String> environment, long terminalIn, int terminalOwner) {
}
