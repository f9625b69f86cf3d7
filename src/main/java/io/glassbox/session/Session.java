package io.glassbox.session;

import io.glassbox.sandbox.LabHost;
import io.glassbox.terminal.ServerMessage;
import io.glassbox.terminal.TerminalMode;
import io.glassbox.terminal.Terminals;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * One learner's session: its lab host, the lesson it follows, when it was last used, and whose it is when a
 * workshop learner owns it.
 */
public final class Session {

    private final String id;
    private final String token;
    private final String watchToken;
    private final LabHost labHost;
    private final Terminals terminals;
    private final LessonProgress progress;
    private final Instant created;
    private final String owner;
    private volatile Instant lastActive;
    private volatile FastForwardStatus fastForward;
    private volatile SessionState state = SessionState.RUNNING;
    private volatile String endReason;

    Session(String id, String token, String watchToken, LabHost labHost, Terminals terminals, LessonProgress progress,
            Instant created, String owner) {
        this.owner = owner;
        this.id = id;
        this.token = token;
        this.watchToken = watchToken;
        this.labHost = labHost;
        this.terminals = terminals;
        this.progress = progress;
        this.created = created;
        this.lastActive = created;
    }

    public String id() {
        return id;
    }

    /** The secret that authorises requests about this session; only its creator is told. */
    public String token() {
        return token;
    }

    /** A second secret that lets its holder watch the terminals but not type (for an instructor). */
    public String watchToken() {
        return watchToken;
    }

    /**
     * Pushes {@code body} to every window of this session as {@code {"type": type, ...body's fields}} (a
     * fast-forward's progress, an instructor's broadcast).
     */
    public void push(String type, Object body) {
        terminals.broadcast(new ServerMessage.Push(type, body));
    }

    /**
     * The WebSocket address of terminal {@code tab}, relative to the server. It carries the token because
     * browsers cannot set headers on a WebSocket.
     */
    public String terminalUrl(int tab) {
        return "/api/sessions/" + id + "/terminals/" + tab + "?token=" + token;
    }

    /** The same terminal, read-only: safe to give an instructor. */
    public String watchUrl(int tab) {
        return "/api/sessions/" + id + "/terminals/" + tab + "?token=" + watchToken;
    }

    public Terminals terminals() {
        return terminals;
    }

    public LabHost labHost() {
        return labHost;
    }

    /** The lesson this session follows and how far it got; empty in a free sandbox. */
    public Optional<LessonProgress> progress() {
        return Optional.ofNullable(progress);
    }

    public Optional<String> lesson() {
        return progress().map(LessonProgress::lessonId);
    }

    public Optional<String> stage() {
        return progress().map(LessonProgress::stageId);
    }

    /** Whose session this is (a workshop learner's id), or empty for an anonymous one. */
    public Optional<String> owner() {
        return Optional.ofNullable(owner);
    }

    /** How far a fast-forward of this session's lab host got; empty when none ran. */
    public Optional<FastForwardStatus> fastForward() {
        return Optional.ofNullable(fastForward);
    }

    void fastForward(FastForwardStatus status) {
        fastForward = status;
    }

    public Instant created() {
        return created;
    }

    public Instant lastActive() {
        return lastActive;
    }

    public SessionState state() {
        return state;
    }

    /** Why the session ended ("deleted", "idle for 30m", ...), once it is ending. */
    public Optional<String> endReason() {
        return Optional.ofNullable(endReason);
    }

    /** Records use (a keystroke, a check) so the idle timeout starts over. */
    public void touch(Clock clock) {
        lastActive = clock.instant();
    }

    public boolean acceptsToken(String candidate) {
        return matches(token, candidate);
    }

    /** What {@code candidate} lets its holder do with the terminals: control, watch, or nothing. */
    public Optional<TerminalMode> terminalAccess(String candidate) {
        if (matches(token, candidate)) {
            return Optional.of(TerminalMode.CONTROL);
        }
        return matches(watchToken, candidate) ? Optional.of(TerminalMode.WATCH) : Optional.empty();
    }

    /** Compares in constant time, so response timing does not leak how much of a guess was right. */
    private static boolean matches(String secret, String candidate) {
        return candidate != null && MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                candidate.getBytes(StandardCharsets.UTF_8));
    }

    synchronized boolean markEnding(String reason) {
        if (state == SessionState.ENDING) {
            return false;
        }
        state = SessionState.ENDING;
        endReason = reason;
        return true;
    }
}
