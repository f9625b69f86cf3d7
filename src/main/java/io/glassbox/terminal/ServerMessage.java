package io.glassbox.terminal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The JSON control messages a terminal sends its clients (docs/terminal-protocol.md). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ServerMessage.Hello.class, name = "hello"),
    @JsonSubTypes.Type(value = ServerMessage.ModeChange.class, name = "mode"),
    @JsonSubTypes.Type(value = ServerMessage.Exit.class, name = "exit"),
    @JsonSubTypes.Type(value = ServerMessage.Error.class, name = "error")
})
public sealed interface ServerMessage {

    /** First message on a connection (and again if a watcher fell so far behind that it starts over). */
    record Hello(int tab, String mode, long offset, int cols, int rows, String hostname) implements ServerMessage {
    }

    /** Another connection took control of this terminal. */
    record ModeChange(String mode, String reason) implements ServerMessage {
    }

    /** The shell exited. */
    record Exit(int code) implements ServerMessage {
    }

    /** Something the client should show. */
    record Error(String message) implements ServerMessage {
    }

    /**
     * A message of a kind the terminal itself knows nothing about (check results, kernel state): sent as the
     * fields of {@code body} with {@code "type": type} added, e.g. {@code {"type":"check","stage":...}}.
     */
    record Push(String type, Object body) implements ServerMessage {
    }
}
