package io.glassbox.terminal;

/**
 * The body of a {@link ServerMessage.Push} whose words depend on the reader's language (a check result). A
 * push goes to every window of a session, and each may show another language, so each client renders the body
 * in its own language as it sends it.
 */
public interface LocalizedBody {

    /** The body as a reader of {@code language} (a BCP 47 tag: en, zh-CN) gets it. */
    Object in(String language);
}
