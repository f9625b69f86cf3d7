package io.glassbox.terminal;

/**
 * One connection to a terminal. Implementations must not block: they queue what they are given (a
 * WebSocket adapter hands it to the event loop). The terminal never gives a client more than its window of
 * unacknowledged output, which bounds what such a queue can hold.
 */
public interface TerminalClient {

    /** Sends output; the array is the client's from here on (the terminal gives each call a new one). */
    void sendOutput(byte[] bytes);

    void send(ServerMessage message);

    /** Closes the connection with a WebSocket close code and reason. */
    void close(int code, String reason);
}
