/**
 * A client of the terminal WebSocket (docs/terminal-protocol.md), shared by the web tests, the attack suite
 * and the benchmarks: {@link io.glassbox.client.WebSocketClient} speaks just enough RFC 6455 over a plain
 * blocking socket, {@link io.glassbox.client.Screen} keeps what a terminal showed and waits for it, and
 * {@link io.glassbox.client.TerminalClient} adds Glassbox's messages (hello, acknowledgements, close codes).
 *
 * <p>One thread per connection blocks reading frames and timestamps each as it arrives, as a browser's event
 * loop would. The JDK's {@code java.net.http.WebSocket} (and the Vert.x client) hand every frame to another
 * thread: two wake-ups per frame that on a 2-CPU machine cost more than the server's whole echo path, so a
 * benchmark on them measures its own client. JDK only, so the benchmarks compile with plain {@code javac}.
 */
package io.glassbox.client;
