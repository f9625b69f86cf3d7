package io.glassbox.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A terminal client that records everything it is sent, for tests. */
final class RecordingClient implements TerminalClient {

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final List<ServerMessage> messages = new ArrayList<>();
    private long received;
    private int closeCode;
    private boolean autoAck;
    private Terminal.Attachment attachment;

    /** Acknowledge every chunk as soon as it arrives, like a fast client. */
    RecordingClient autoAck() {
        autoAck = true;
        return this;
    }

    Terminal.Attachment attachedAs(Terminal.Attachment attachment) {
        this.attachment = attachment;
        return attachment;
    }

    @Override
    public void sendOutput(byte[] bytes) {
        synchronized (this) {
            output.writeBytes(bytes);
            received += bytes.length;
            notifyAll();
        }
        if (autoAck && attachment != null) {
            long offset = helloOffset() + received();
            // Acknowledge from another thread, as a real client would, not from inside the terminal's lock.
            CompletableFuture.runAsync(() -> attachment.handle(new ClientMessage.Ack(offset)));
        }
    }

    @Override
    public synchronized void send(ServerMessage message) {
        messages.add(message);
        notifyAll();
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCode = code;
        notifyAll();
    }

    synchronized String text() {
        return output.toString(StandardCharsets.UTF_8);
    }

    synchronized long received() {
        return received;
    }

    synchronized List<ServerMessage> messages() {
        return List.copyOf(messages);
    }

    synchronized int closeCode() {
        return closeCode;
    }

    synchronized long helloOffset() {
        return messages.stream().filter(m -> m instanceof ServerMessage.Hello).map(m -> ((ServerMessage.Hello) m).offset())
                .findFirst().orElse(0L);
    }

    /** Waits until the output contains {@code text}. */
    String awaitText(String text, Duration timeout) {
        return awaitTextAfter(0, text, timeout);
    }

    /** Waits until the output after the first {@code skip} bytes contains {@code text}. */
    String awaitTextAfter(long skip, String text, Duration timeout) {
        return await(() -> textAfter(skip).contains(text), timeout, "output containing \"" + text + "\"");
    }

    synchronized String textAfter(long skip) {
        byte[] all = output.toByteArray();
        int from = (int) Math.min(skip, all.length);
        return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    }

    <T extends ServerMessage> T awaitMessage(Class<T> type, Duration timeout) {
        await(() -> messages().stream().anyMatch(type::isInstance), timeout, "a " + type.getSimpleName() + " message");
        return messages().stream().filter(type::isInstance).map(type::cast).reduce((a, b) -> b).orElseThrow();
    }

    private synchronized String await(java.util.function.BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no " + what + " within " + timeout + "; output: " + text() + "; messages: "
                        + messages);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return text();
    }
}
