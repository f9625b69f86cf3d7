package io.glassbox.lesson.model;

/**
 * Which process a check looks at. "Host" in a lesson always means the learner's lab host, never the real
 * machine.
 *
 * <ul>
 *   <li>{@link Kind#SHELL} (the default): the foreground process of the learner's terminal, i.e. the shell
 *       they are typing into, however deeply nested in namespaces it is.</li>
 *   <li>{@link Kind#LAB_HOST}: the lab host's own PID 1.</li>
 *   <li>{@link Kind#PROCESS}: the newest process of the lab host whose command name ({@code comm}) is
 *       {@code value}, e.g. {@code httpd}.</li>
 *   <li>{@link Kind#CMDLINE}: the newest process whose command line contains {@code value}.</li>
 * </ul>
 */
public record Target(Kind kind, String value) {

    public static final Target SHELL = new Target(Kind.SHELL, null);
    public static final Target LAB_HOST = new Target(Kind.LAB_HOST, null);

    public enum Kind {
        SHELL, LAB_HOST, PROCESS, CMDLINE
    }

    @Override
    public String toString() {
        return switch (kind) {
            case SHELL -> "the shell";
            case LAB_HOST -> "the lab host";
            case PROCESS -> "the process " + value;
            case CMDLINE -> "the process running \"" + value + "\"";
        };
    }
}
