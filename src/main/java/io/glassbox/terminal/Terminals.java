package io.glassbox.terminal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** The terminal tabs of one session, numbered from 1. Tab 1 opens on first use; more open on request. */
public final class Terminals {

    private final String hostname;
    private final PtyFactory factory;
    private final TerminalSettings settings;
    private final ScheduledExecutorService timers;
    private final Consumer<Terminal> onQuiet;
    private final IntFunction<TerminalTap> taps;
    private final Map<Integer, Terminal> tabs = new TreeMap<>();
    private boolean closed;

    /** @param onQuiet told when any tab's output goes quiet (see {@link Terminal#QUIET}) */
    public Terminals(String hostname, PtyFactory factory, TerminalSettings settings, ScheduledExecutorService timers,
            Consumer<Terminal> onQuiet) {
        this(hostname, factory, settings, timers, onQuiet, tab -> TerminalTap.NONE);
    }

    /** @param taps the tap of each tab as it opens (its recording), by tab number */
    public Terminals(String hostname, PtyFactory factory, TerminalSettings settings, ScheduledExecutorService timers,
            Consumer<Terminal> onQuiet, IntFunction<TerminalTap> taps) {
        this.taps = taps;
        this.hostname = hostname;
        this.factory = factory;
        this.settings = settings;
        this.timers = timers;
        this.onQuiet = onQuiet;
    }

    /** The terminal of tab {@code tab}; tab 1 always exists while the session does. */
    public synchronized Optional<Terminal> get(int tab) {
        if (closed) {
            return Optional.empty();
        }
        if (tab == 1 && !tabs.containsKey(1)) {
            tabs.put(1, newTerminal(1));
        }
        return Optional.ofNullable(tabs.get(tab));
    }

    /** Opens a new tab; empty when the session already has the maximum number. */
    public synchronized Optional<Terminal> open() {
        if (closed) {
            return Optional.empty();
        }
        get(1);
        if (tabs.size() >= settings.maxTabs()) {
            return Optional.empty();
        }
        int tab = tabs.keySet().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
        Terminal terminal = newTerminal(tab);
        tabs.put(tab, terminal);
        return Optional.of(terminal);
    }

    /** Sends {@code message} to every client of every tab. */
    public void broadcast(ServerMessage message) {
        list().forEach(terminal -> terminal.broadcast(message));
    }

    public synchronized List<Terminal> list() {
        return List.copyOf(tabs.values());
    }

    public int maxTabs() {
        return settings.maxTabs();
    }

    /** Closes every terminal: clients get {@code code} and {@code reason}, shells are hung up. */
    public void close(int code, String reason) {
        List<Terminal> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(tabs.values());
        }
        all.forEach(terminal -> terminal.close(code, reason));
        factory.close();
    }

    private Terminal newTerminal(int tab) {
        Terminal terminal = new Terminal(tab, hostname, factory, settings, timers, onQuiet);
        terminal.tap(taps.apply(tab));
        return terminal;
    }
}
