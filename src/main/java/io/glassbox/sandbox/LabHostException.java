package io.glassbox.sandbox;

/** A lab host could not be created or removed; the message says which step failed and what it printed. */
public class LabHostException extends RuntimeException {

    public LabHostException(String message, Throwable cause) {
        super(message, cause);
    }
}
