package io.glassbox.terminal;

import io.glassbox.host.Readiness;
import java.util.Optional;

/**
 * One connection to a terminal. Implementations must not block: they queue what they are given (a
 * WebSocket adapter hands it to the event loop). The terminal never gives a client more than its window of
 * unacknowledged output, which bounds what such a queue can hold.
 */
public interface TerminalClient {

    /** Sends output; the array is the client's from here on (the terminal gives each call a new one). */
    void sendOutput(byte[] bytes);

    /**
     * Where the terminal's output should be read while this client has control: the thread that sends to it (a
     * WebSocket's event loop), so output is read and sent in one wake-up; empty for the server's poll loop.
     */
    default Optional<Readiness> readiness() {
        return Optional.empty();
    }

    void send(ServerMessage message);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
