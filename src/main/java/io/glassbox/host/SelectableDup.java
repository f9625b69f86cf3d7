package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.channels.Pipe;
import java.nio.channels.SelectableChannel;
import java.util.Optional;

/**
 * A {@link SelectableChannel} for a descriptor the JDK did not open (a pty master), so a {@link
 * java.nio.channels.Selector} (a web server's event loop) can watch it. The JDK makes selectable channels only of
 * its own sockets and pipes, so this opens a pipe, closes its writing end and puts a duplicate of the descriptor in
 * place of the reading end's (dup3(2), close-on-exec): the channel's number now refers to the descriptor's open file,
 * and the selector's epoll(7) watches that. Only readiness is taken from the channel; reading and writing go through
 * the descriptor itself. Closing the channel closes the duplicate, not the descriptor.
 *
 * <p>The reading end's number is a private field of the JDK's pipe channel, read through {@code sun.misc.Unsafe} (the
 * field cannot be made accessible without opening java.base); looked up once. Where a JDK has no such field, {@link
 * #available} is false and callers keep their descriptors on the {@link PollLoop}.
 */
public final class SelectableDup {

    private static final Optional<FieldReader> PIPE_FD = lookUp();

    private SelectableDup() {
    }

    public static boolean available() {
        return PIPE_FD.isPresent();
    }

    /** A non-blocking channel whose descriptor is a duplicate of {@code fd}. */
    public static SelectableChannel of(int fd) throws IOException {
        FieldReader pipeFd = PIPE_FD.orElseThrow(() -> new UnsupportedOperationException(
                "this JDK's pipe channel has no fdVal field: descriptors cannot be made selectable"));
        Pipe pipe = Pipe.open();
        pipe.sink().close();
        Pipe.SourceChannel source = pipe.source();
        try {
            source.configureBlocking(false);
            int number = pipeFd.readInt(source);
            if (C.dup3(fd, number, Libc.O_CLOEXEC) < 0) {
                throw new IOException("dup3(" + fd + ", " + number + ", O_CLOEXEC): " + Libc.describe(Libc.errno()));
            }
            return source;
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /** An int field of an object, read without access checks. */
    private record FieldReader(sun.misc.Unsafe unsafe, long offset) {
        int readInt(Object owner) {
            return unsafe.getInt(owner, offset);
        }
    }

    private static Optional<FieldReader> lookUp() {
        try {
            Field theUnsafe = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            theUnsafe.setAccessible(true);
            sun.misc.Unsafe unsafe = (sun.misc.Unsafe) theUnsafe.get(null);
            Pipe probe = Pipe.open();
            try {
                Field fdVal = probe.source().getClass().getDeclaredField("fdVal");
                if (fdVal.getType() != int.class) {
                    return Optional.empty();
                }
                @SuppressWarnings("deprecation")
                long offset = unsafe.objectFieldOffset(fdVal);
                FieldReader reader = new FieldReader(unsafe, offset);
                // the number read must be the probe's own reading end
                String probed = java.nio.file.Files.readSymbolicLink(
                        java.nio.file.Path.of("/proc/self/fd/" + reader.readInt(probe.source()))).toString();
                return probed.startsWith("pipe:") ? Optional.of(reader) : Optional.empty();
            } finally {
                probe.source().close();
                probe.sink().close();
            }
        } catch (ReflectiveOperationException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
