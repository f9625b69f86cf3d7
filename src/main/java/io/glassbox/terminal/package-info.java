/**
 * Terminals: a shell on a pseudo-terminal, bridged to any number of clients.
 *
 * <p>As in gotty, three layers meet here without knowing each other's details: the {@link Pty} (a program
 * on a pseudo-terminal, man 7 pty), the {@link Terminal} that pumps bytes between it and its clients, and
 * {@link TerminalClient}, which a thin WebSocket adapter in the web layer implements (tests implement it
 * with plain objects). The terminal numbers every output byte, keeps the most recent ones so a client can
 * reconnect without losing or repeating output, and stops reading from the program while its controlling
 * client is too far behind, so a flood of output is paused by the kernel instead of filling memory. The
 * wire protocol is described in docs/terminal-protocol.md.
 */
package io.glassbox.terminal;
