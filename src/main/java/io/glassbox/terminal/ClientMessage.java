package io.glassbox.terminal;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** The JSON control messages a client sends (docs/terminal-protocol.md). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ClientMessage.Resize.class, name = "resize"),
    @JsonSubTypes.Type(value = ClientMessage.Ack.class, name = "ack"),
    @JsonSubTypes.Type(value = ClientMessage.Restart.class, name = "restart")
})
public sealed interface ClientMessage {

    /** The client's window size in character cells. */
    record Resize(int cols, int rows) implements ClientMessage {
    }

    /** The client has processed all output before {@code offset}. */
    record Ack(long offset) implements ClientMessage {
    }

    /** Start a new shell in this tab after the old one exited. */
    record Restart() implements ClientMessage {
    }
}
