package io.glassbox.session;

import java.util.function.LongSupplier;

/**
 * Refuses a new lab host when the machine could not give it its memory: a lab host may use up to its memory
 * cap, and {@code reserve} bytes stay for the server and the system. Guards against a workshop VM that is
 * smaller than {@code glassbox.sessions.max} lab hosts need, which would otherwise end in the kernel's OOM
 * killer choosing among learners (or the server).
 *
 * @param available the memory available now in bytes ({@code MemAvailable}), or a negative number when unknown
 *     (the guard then lets sessions through and the cap on sessions is the only limit)
 * @param perLabHost the memory cap of one lab host in bytes
 * @param reserve bytes that must stay available after a new lab host took its cap
 */
public record MemoryGuard(LongSupplier available, long perLabHost, long reserve) {

    private static final long MIB = 1024 * 1024;

    /** A guard that never refuses. */
    public static MemoryGuard none() {
        return new MemoryGuard(() -> -1, 0, 0);
    }

    /** Throws a CAPACITY SessionException saying how much memory there is and what to do, if too little. */
    public void admit() {
        long now = available.getAsLong();
        if (now >= 0 && now - perLabHost < reserve) {
            throw new SessionException(SessionException.Reason.CAPACITY, "The machine is low on memory: "
                    + now / MIB + " MiB available, and a new lab host may use up to " + perLabHost / MIB
                    + " MiB while " + reserve / MIB + " MiB stay reserved for the system. Try again when other"
                    + " sessions have ended, or ask the instructor to give the machine more memory or lower"
                    + " glassbox.sandbox.memory.");
        }
    }
}
