package io.glassbox.terminal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One terminal tab: a program on a pseudo-terminal, its numbered output, and the clients attached to it.
 *
 * <p>The program's output arrives from its {@link Pty} (the poll loop shared by all terminals), goes into an
 * {@link OutputLog} and is pushed to each client, at most a window of unacknowledged bytes per client. While
 * the controlling client is a full window behind, the pty is paused (not read), so the program blocks in
 * write(2) once the kernel's terminal buffer is full: memory stays bounded however much it prints, and a
 * Ctrl-C (written on the client's own thread) reaches it at once. Watchers never hold the program back; one
 * that falls out of the kept output starts over.
 *
 * <p>Threads: none of its own. Output and the program's end come on the poll loop; everything else runs on
 * the caller's thread or on the shared timer for grace periods and coalesced resizes.
 */
public final class Terminal {

    /** The size a terminal starts at, until its window says its own (a resize then redraws the prompt). */
    public static final int COLUMNS = 80;
    public static final int ROWS = 24;

    /** The largest frame sent. */
    private static final int CHUNK = 64 * 1024;
    /** How long output must pause before the terminal counts as quiet (see the onQuiet constructor argument). */
    public static final Duration QUIET = Duration.ofMillis(400);
    private static final int MAX_PENDING_INPUT = 1 << 20;
    private static final Duration INPUT_RETRY = Duration.ofMillis(10);
    private static final int MIN_COLUMNS = 10;
    private static final int MAX_COLUMNS = 500;
    private static final int MIN_ROWS = 3;
    private static final int MAX_ROWS = 200;

    private final int tab;
    private final String hostname;
    private final PtyFactory factory;
    private final TerminalSettings settings;
    private final ScheduledExecutorService timers;
    private final OutputLog log;
    private final Consumer<Terminal> onQuiet;
    private final List<Attachment> clients = new ArrayList<>();
    private final ArrayDeque<byte[]> pendingInput = new ArrayDeque<>();

    private Attachment controller;
    private long flowBase;
    private Pty pty;
    private boolean paused;
    private boolean running;
    private int exitCode;
    private boolean closed;
    private int columns = COLUMNS;
    private int rows = ROWS;
    private long lastResizeNanos;
    private boolean resizePending;
    private ScheduledFuture<?> graceTimer;
    private long lastOutputNanos;
    private boolean quietCheckPending;
    private int pendingInputBytes;
    private int pendingInputOffset;
    private boolean inputRetryScheduled;
    private String inputLock;
    private TerminalTap tap = TerminalTap.NONE;

    public Terminal(int tab, String hostname, PtyFactory factory, TerminalSettings settings,
            ScheduledExecutorService timers) {
        this(tab, hostname, factory, settings, timers, terminal -> { });
    }

    /**
     * @param onQuiet called (on the timer thread) when the program has printed something and then nothing
     *                for {@link #QUIET}: the moment a learner is looking at a prompt, and a lesson can check
     */
    public Terminal(int tab, String hostname, PtyFactory factory, TerminalSettings settings,
            ScheduledExecutorService timers, Consumer<Terminal> onQuiet) {
        this.onQuiet = onQuiet;
        this.tab = tab;
        this.hostname = hostname;
        this.factory = factory;
        this.settings = settings;
        this.timers = timers;
        this.log = new OutputLog(settings.scrollbackBytes());
    }

    public int tab() {
        return tab;
    }

    /** Lets {@code tap} see this terminal's output, sizes and input from now on (a recording). */
    public synchronized void tap(TerminalTap tap) {
        this.tap = tap;
    }

    /**
     * Starts the program before anyone attaches, so a shell is at its prompt by the time the browser has
     * opened its WebSocket. A terminal nobody attaches to within the grace period is hung up again.
     */
    public synchronized void start(int columns, int rows) {
        if (pty != null || closed) {
            return;
        }
        this.columns = clamp(columns, MIN_COLUMNS, MAX_COLUMNS);
        this.rows = clamp(rows, MIN_ROWS, MAX_ROWS);
        startProgram();
        if (clients.isEmpty()) {
            graceTimer = timers.schedule(this::endIfUnattended, settings.grace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Attaches a client, starting the program on first use. A control client takes control from the
     * previous one and sets the window size, when it gives one ({@code columns} and {@code rows} above 0).
     * Output resumes after {@code since} when that is still kept, else at the oldest kept byte.
     */
    public synchronized Attachment attach(TerminalClient client, TerminalMode mode, OptionalLong since, int columns,
            int rows) {
        if (closed) {
            throw new IllegalStateException("terminal " + tab + " is closed");
        }
        cancelGrace();
        Attachment attachment = new Attachment(client, mode);
        long start = since.isPresent() && since.getAsLong() >= log.start() && since.getAsLong() <= log.end()
                ? since.getAsLong() : log.start();
        attachment.sent = start;
        attachment.acked = start;
        if (mode == TerminalMode.CONTROL) {
            if (controller != null) {
                controller.mode = TerminalMode.WATCH;
                controller.client.send(new ServerMessage.ModeChange("watch", "another window took control"));
            }
            controller = attachment;
            flowBase = start;
            resumeIfRoom();
        }
        clients.add(attachment);
        if (pty == null) {
            start(columns > 0 ? columns : this.columns, rows > 0 ? rows : this.rows);
        } else if (mode == TerminalMode.CONTROL && columns > 0 && rows > 0) {
            resize(attachment, columns, rows);
        }
        if (mode == TerminalMode.CONTROL) {
            readWhereControlled();
        }
        client.send(new ServerMessage.Hello(tab, mode.wireName(), start, this.columns, this.rows, hostname));
        push(attachment);
        return attachment;
    }

    /** Whether the program runs (false before the first client and after it exited). */
    public synchronized boolean isRunning() {
        return running;
    }

    public synchronized int clientCount() {
        return clients.size();
    }

    /** The program's pid on the machine, or -1 before it started. */
    public synchronized long pid() {
        return pty == null ? -1 : pty.pid();
    }

    /** Ends the terminal for good: clients are closed with {@code code}, the program is hung up. */
    public void close(int code, String reason) {
        List<Attachment> attached;
        Pty program;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            cancelGrace();
            attached = List.copyOf(clients);
            clients.clear();
            controller = null;
            program = pty;
        }
        attached.forEach(a -> a.client.close(code, reason));
        if (program != null) {
            program.close();
        }
    }

    private void startProgram() {
        clearInput();
        Pty program = factory.start(columns, rows);
        pty = program;
        paused = false;
        running = true;
        tap.resize(columns, rows);
        clients.forEach(a -> a.exitSent = false);
        program.start(new Pty.Listener() {
            @Override
            public void output(byte[] bytes, int length) {
                Terminal.this.output(program, bytes, length);
            }

            @Override
            public void ended(int status) {
                Terminal.this.ended(program, status);
            }
        });
        readWhereControlled();
    }

    /**
     * Output is read where the controlling client's frames are written (its event loop, when it has one), so one
     * thread wakes for it instead of two; without a controller it stays where it is read.
     */
    private void readWhereControlled() {
        if (controller != null && pty instanceof NativePty nativePty) {
            controller.client.readiness().ifPresent(nativePty::readOn);
        }
    }

    /** On the poll loop: output into the log and out to clients; the pty pauses while the controller lags. */
    private synchronized void output(Pty program, byte[] bytes, int length) {
        if (pty != program || closed) {
            return;
        }
        log.append(bytes, 0, length);
        tap.output(bytes, 0, length);
        clients.forEach(this::push);
        noteOutput();
        if (!paused && log.end() - flowBase >= settings.windowBytes()) {
            paused = true;
            program.pause();
        }
    }

    private synchronized void ended(Pty program, int status) {
        if (pty == program) {
            running = false;
            exitCode = status;
            clients.forEach(this::push);
        }
    }

    /** The controller caught up (or a new one came): read the program's output again. */
    private void resumeIfRoom() {
        if (paused && log.end() - flowBase < settings.windowBytes()) {
            paused = false;
            pty.resume();
        }
    }

    /** Output arrived: arm the quiet check unless it is armed already (one timer task, not one per read). */
    private void noteOutput() {
        lastOutputNanos = System.nanoTime();
        if (!quietCheckPending) {
            quietCheckPending = true;
            timers.schedule(this::checkQuiet, QUIET.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private void checkQuiet() {
        synchronized (this) {
            long silent = System.nanoTime() - lastOutputNanos;
            if (silent < QUIET.toNanos() && !closed) {
                timers.schedule(this::checkQuiet, QUIET.toNanos() - silent, TimeUnit.NANOSECONDS);
                return;
            }
            quietCheckPending = false;
            if (closed) {
                return;
            }
        }
        onQuiet.accept(this);
    }

    /** Sends {@code message} to every client of this terminal. */
    public synchronized void broadcast(ServerMessage message) {
        clients.forEach(a -> a.client.send(message));
    }

    /** Sends {@code a} what it has not seen, within its window; then the exit status once it saw all output. */
    private void push(Attachment a) {
        if (a.sent < log.start()) {
            // A watcher that fell behind the kept output starts over from the oldest kept byte.
            a.sent = log.start();
            a.acked = a.sent;
            a.client.send(new ServerMessage.Hello(tab, a.mode.wireName(), a.sent, columns, rows, hostname));
        }
        while (a.sent < log.end() && a.sent - a.acked < settings.windowBytes()) {
            int room = (int) Math.min(CHUNK, settings.windowBytes() - (a.sent - a.acked));
            byte[] chunk = log.read(a.sent, room);
            a.client.sendOutput(chunk);
            a.sent += chunk.length;
        }
        if (!running && pty != null && !a.exitSent && a.sent == log.end()) {
            a.exitSent = true;
            a.client.send(new ServerMessage.Exit(exitCode));
        }
    }

    /**
     * Queues keystrokes and writes what the terminal takes, never blocking the caller (often a WebSocket's
     * event loop). What a program does not read yet is retried shortly; beyond 1 MiB waiting, input is
     * dropped and the client told, so a program that never reads cannot make the server hoard input.
     */
    private synchronized void write(Attachment a, byte[] bytes) {
        if (a != controller) {
            a.client.send(new ServerMessage.Error("view only: another window has control of this terminal"));
            return;
        }
        if (inputLock != null) {
            a.client.send(new ServerMessage.Error(inputLock));
            return;
        }
        if (!running) {
            a.client.send(new ServerMessage.Error("the shell has exited; send restart for a new one"));
            return;
        }
        enqueueInput(a.client, bytes);
    }

    /**
     * Refuses clients' keystrokes, telling them {@code reason}, while the server types into this terminal on its
     * own (a fast-forward replaying solve scripts); {@code null} gives the keyboard back.
     */
    public synchronized void lockInput(String reason) {
        inputLock = reason;
    }

    /**
     * Types {@code bytes} into the terminal as if from its keyboard, visible to every client: the lesson
     * page's "Show me", and the lesson test runner. Ignored when no program runs.
     */
    public synchronized void type(byte[] bytes) {
        if (running) {
            enqueueInput(null, bytes);
        }
    }

    private void enqueueInput(TerminalClient from, byte[] bytes) {
        if (isInterrupt(bytes)) {
            // As the terminal itself flushes its input queue on ^C, ^\ and ^Z (man 3 termios, NOFLSH), so
            // do we: an interrupt must not wait behind typed-ahead input the program is not reading.
            clearInput();
        }
        if (pendingInputBytes + bytes.length > MAX_PENDING_INPUT) {
            if (from != null) {
                from.send(new ServerMessage.Error("input dropped: the program in this terminal is not reading its input"));
            }
            return;
        }
        tap.input(bytes);
        pendingInput.add(bytes);
        pendingInputBytes += bytes.length;
        flushInput();
    }

    private synchronized void flushInput() {
        try {
            while (!pendingInput.isEmpty() && running) {
                byte[] head = pendingInput.peek();
                int written = pty.write(head, pendingInputOffset, head.length - pendingInputOffset);
                if (written == 0) {
                    if (!inputRetryScheduled) {
                        inputRetryScheduled = true;
                        timers.schedule(this::retryInput, INPUT_RETRY.toMillis(), TimeUnit.MILLISECONDS);
                    }
                    return;
                }
                pendingInputOffset += written;
                pendingInputBytes -= written;
                if (pendingInputOffset == head.length) {
                    pendingInput.remove();
                    pendingInputOffset = 0;
                }
            }
        } catch (IOException hungUp) {
            // the program ended while we typed; its pty reports the end
            clearInput();
        }
    }

    private synchronized void retryInput() {
        inputRetryScheduled = false;
        flushInput();
    }

    private static boolean isInterrupt(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0x03 || b == 0x1c || b == 0x1a) {
                return true;
            }
        }
        return false;
    }

    private void clearInput() {
        pendingInput.clear();
        pendingInputBytes = 0;
        pendingInputOffset = 0;
    }

    private synchronized void acknowledge(Attachment a, long offset) {
        a.acked = Math.max(a.acked, Math.min(offset, a.sent));
        if (a == controller) {
            flowBase = a.acked;
            resumeIfRoom();
        }
        push(a);
    }

    /** Applies a size change now, or once the resize interval has passed; the last size always wins. */
    private synchronized void resize(Attachment a, int columns, int rows) {
        if (a != controller) {
            return;
        }
        this.columns = clamp(columns, MIN_COLUMNS, MAX_COLUMNS);
        this.rows = clamp(rows, MIN_ROWS, MAX_ROWS);
        if (resizePending) {
            return;
        }
        long wait = lastResizeNanos + settings.resizeInterval().toNanos() - System.nanoTime();
        if (wait <= 0) {
            applySize();
        } else {
            resizePending = true;
            timers.schedule(this::applySize, wait, TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void applySize() {
        resizePending = false;
        lastResizeNanos = System.nanoTime();
        if (running) {
            pty.resize(columns, rows);
            tap.resize(columns, rows);
        }
    }

    private synchronized void restart(Attachment a) {
        if (a != controller || running || closed) {
            a.client.send(new ServerMessage.Error(running ? "the shell is still running" : "view only"));
            return;
        }
        startProgram();
    }

    private synchronized void detach(Attachment a) {
        if (!clients.remove(a)) {
            return;
        }
        if (a == controller) {
            controller = null;
        }
        if (clients.isEmpty() && running && !closed) {
            graceTimer = timers.schedule(this::endIfUnattended, settings.grace().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The grace period passed with nobody attached: hang the shell up, as a closed terminal window would. */
    private void endIfUnattended() {
        Pty program;
        synchronized (this) {
            if (!clients.isEmpty() || !running) {
                return;
            }
            program = pty;
        }
        program.close();
    }

    private void cancelGrace() {
        if (graceTimer != null) {
            graceTimer.cancel(false);
            graceTimer = null;
        }
    }

    private static int clamp(int value, int min, int max) {
        return Math.max(min, Math.min(max, value));
    }

    /** A client's handle on this terminal, used by its connection. */
    public final class Attachment {
        private final TerminalClient client;
        private TerminalMode mode;
        private long sent;
        private long acked;
        private boolean exitSent;

        private Attachment(TerminalClient client, TerminalMode mode) {
            this.client = client;
            this.mode = mode;
        }

        public Terminal terminal() {
            return Terminal.this;
        }

        public TerminalMode mode() {
            synchronized (Terminal.this) {
                return mode;
            }
        }

        /** Keystrokes; ignored, with a message, unless this client has control. Never blocks. */
        public void input(byte[] bytes) {
            write(this, bytes);
        }

        public void handle(ClientMessage message) {
            if (message instanceof ClientMessage.Ack ack) {
                acknowledge(this, ack.offset());
            } else if (message instanceof ClientMessage.Resize size) {
                resize(this, size.cols(), size.rows());
            } else if (message instanceof ClientMessage.Restart) {
                restart(this);
            }
        }

        public void detach() {
            Terminal.this.detach(this);
        }
    }
}
