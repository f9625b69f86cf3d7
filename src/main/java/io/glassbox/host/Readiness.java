package io.glassbox.host;

/**
 * Calls a handler when a descriptor is readable or hung up: the server's {@link PollLoop}, or a web server's event
 * loop, so that a terminal's output is read on the thread that writes it to its client.
 */
public interface Readiness {

    /** A descriptor this source can watch; it watches nothing until {@link Watch#watch}. */
    Watch register(int fd, PollLoop.Handler handler);

    /**
     * Whether a handler called now may wait a moment for more input (to send one large frame instead of many
     * small ones) without holding up other descriptors' handlers.
     */
    boolean mayLinger();

    /** One descriptor's place in a source. */
    interface Watch {

        /** Starts (or resumes) calling the handler when the descriptor is readable or hung up. */
        void watch();

        /** Stops calling the handler; events already collected for it are dropped. */
        void unwatch();

        /** Stops for good and lets go of whatever the source held for the descriptor. Call before closing it. */
        void close();
    }
}
