package io.glassbox.lesson.run;

import io.glassbox.terminal.ClientMessage;
import io.glassbox.terminal.ServerMessage;
import io.glassbox.terminal.Terminal;
import io.glassbox.terminal.TerminalClient;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * The runner's terminal client: keeps what the terminal printed (for failure reports), notes when output last
 * arrived, and acknowledges everything at once so flow control never holds a lesson up.
 */
final class RunnerTranscript implements TerminalClient {

    private static final int KEEP = 16 * 1024;

    private final ByteArrayOutputStream recent = new ByteArrayOutputStream();
    private volatile long lastOutputNanos = System.nanoTime();
    private long received;
    private long helloOffset;
    private Terminal.Attachment attachment;

    void attachedAs(Terminal.Attachment attachment) {
        this.attachment = attachment;
    }

    @Override
    public void sendOutput(byte[] bytes) {
        long offset;
        synchronized (this) {
            recent.writeBytes(bytes);
            if (recent.size() > 2 * KEEP) {
                byte[] all = recent.toByteArray();
                recent.reset();
                recent.write(all, all.length - KEEP, KEEP);
            }
            received += bytes.length;
            offset = helloOffset + received;
            lastOutputNanos = System.nanoTime();
        }
        Terminal.Attachment a = attachment;
        if (a != null) {
            // Acknowledge off the terminal's lock, as a real client's message would arrive.
            CompletableFuture.runAsync(() -> a.handle(new ClientMessage.Ack(offset)));
        }
    }

    @Override
    public synchronized void send(ServerMessage message) {
        if (message instanceof ServerMessage.Hello hello) {
            helloOffset = hello.offset();
        }
    }

    @Override
    public void close(int code, String reason) {
        // the runner closes the terminal itself
    }

    synchronized long received() {
        return received;
    }

    long silentNanos() {
        return System.nanoTime() - lastOutputNanos;
    }

    /** The last lines the terminal showed, for a failure report. */
    synchronized String tail(int lines) {
        String text = recent.toString(StandardCharsets.UTF_8).replaceAll("\u001b\\[[0-9;?]*[A-Za-z]", "");
        String[] all = text.split("\r?\n");
        StringBuilder out = new StringBuilder();
        for (int i = Math.max(0, all.length - lines); i < all.length; i++) {
            out.append("    | ").append(all[i]).append('\n');
        }
        return out.toString();
    }
}
