package io.glassbox.bench;

import io.glassbox.client.Screen;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Keystroke echo: sessions type at a fast human's rate at the same time, each starting at a random point of
 * the typing interval (people do not type in step); a sample is one character from its send until output
 * holding the shell's echo of it arrived (timestamped by the reader thread). Untimed keystrokes first, so the
 * echo path is compiled by the JIT before it is measured: three times, 10 terminals of each target are opened,
 * type 1,000 keystrokes each and are closed (a server in a workshop has typed millions and seen terminals come
 * and go; C2 compiles a method after about 5,000 calls, and the code it compiles from typing alone assumes what
 * only typing showed it: the first close or open hit those assumptions and sent the hot path back to be compiled
 * again while the first level typed, 0.3-0.8 ms of C2 per keystroke; with 200 keystrokes per terminal, the event
 * loop's task and read-complete methods still reached C2's thresholds during the one-session turns, 100-170 µs of
 * C2 per keystroke there); then 40 on each terminal of a level; and before a level's first turn Glassbox's
 * compiler threads have gone quiet ({@link Target#awaitIdle}).
 *
 * <p>The two servers take turns: a level's terminals of both are opened first, then ttyd's type a tenth of the
 * keystrokes, Glassbox's the next tenth, and so on. This machine is a VM whose host is shared, and its slow
 * spells last seconds; measured one after the other, a spell decided which server looked faster (p50 ratios
 * of 0.96 and 2.03 at 50 sessions in two runs ten minutes apart). In turns, both meet the same spells. The
 * first turn waits until Glassbox has refilled its warm pool (opening the terminals took lab hosts from it, and
 * creating new ones is a workshop's join, not its typing; the capacity benchmark measures typing while others
 * join) and its JIT has stopped compiling.
 */
final class EchoLatency {

    static final int[] LEVELS = {1, 10, 50};
    /**
     * Each terminal of a level of several types this many, so that a p99 is the 60th-slowest keystroke of 6,000
     * (ten sessions) rather than the 20th of 2,000: with 200 each the ten-session p99 ratio to ttyd's ranged from
     * 1.02 to 4.12 in five runs of one evening.
     */
    static final int KEYSTROKES = 600;
    /**
     * One terminal alone types this many, so its p99 is the 30th-slowest keystroke (with 200 one hiccup of the
     * machine decided the figure; with 1,000 its ratio to ttyd's still ranged from 1.11 to 5.97 in five runs).
     */
    static final int KEYSTROKES_ALONE = 3000;
    static final int KEYSTROKES_PER_LINE = 50;
    static final int WARM_UP_KEYSTROKES = 40;
    static final long INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final int JIT_WARM_UP_TERMINALS = 10;
    static final int JIT_WARM_UP_KEYSTROKES = 1000;
    static final int JIT_WARM_UP_CYCLES = 3;
    /** Turns each target takes at a level: short ones, so both meet the host's slow spells alike. */
    static final int ROUNDS = 10;

    private EchoLatency() {
    }

    static void run(TtydTarget ttyd, GlassboxTarget glassbox, Table table) throws Exception {
        for (Target target : List.of(ttyd, glassbox)) {
            for (int cycle = 0; cycle < JIT_WARM_UP_CYCLES; cycle++) {
                List<Screen> terminals = target.openAll(JIT_WARM_UP_TERMINALS);
                try {
                    typeOn(terminals, JIT_WARM_UP_KEYSTROKES);
                } finally {
                    target.closeAll(terminals);
                }
            }
        }
        for (int level : levels()) {
            List<Typed> both = atLevel(List.of(ttyd, glassbox), level);
            Typed reference = both.get(0);
            Typed ours = both.get(1);
            String sessions = level + (level == 1 ? " session" : " sessions") + " typing";
            table.compare("Keystroke echo p50, " + sessions + " (n=" + ours.echo().count() + ")",
                    reference.echo().percentile(50), ours.echo().percentile(50), Table.Unit.MS, Table.Better.LOWER);
            table.compare("Keystroke echo p99, " + sessions, reference.echo().percentile(99),
                    ours.echo().percentile(99), Table.Unit.MS, Table.Better.LOWER);
            table.compare("Server CPU per keystroke, " + sessions, reference.cpuPerKeystroke(), ours.cpuPerKeystroke(),
                    Table.Unit.US, Table.Better.LOWER);
        }
    }

    /** {@link #LEVELS}, or those GLASSBOX_BENCH_LEVELS names ("50" or "1,10"), for a closer look at one. */
    static int[] levels() {
        String only = System.getenv("GLASSBOX_BENCH_LEVELS");
        return only == null || only.isBlank() ? LEVELS
                : Arrays.stream(only.split(",")).mapToInt(level -> Integer.parseInt(level.trim())).toArray();
    }

    /**
     * What one target's terminals typed at a level: the timed echoes, and the nanoseconds its server process's
     * threads (not the shells) ran during its turns, by thread name, over every key of them (untimed ones and
     * Ctrl-Us included).
     */
    record Typed(Percentiles echo, Map<String, Long> cpuNanos, long keystrokes) {

        static Typed none() {
            return new Typed(new Percentiles(), Map.of(), 0);
        }

        /** This and {@code other} together: their samples, CPU by thread and keys. */
        Typed plus(Typed other) {
            Percentiles both = new Percentiles();
            both.addAll(echo);
            both.addAll(other.echo);
            Map<String, Long> cpu = new HashMap<>(cpuNanos);
            other.cpuNanos.forEach((thread, ran) -> cpu.merge(thread, ran, Long::sum));
            return new Typed(both, cpu, keystrokes + other.keystrokes);
        }

        double cpuPerKeystroke() {
            long total = cpuNanos.values().stream().mapToLong(Long::longValue).sum();
            return keystrokes == 0 ? Double.NaN : (double) total / keystrokes;
        }

        /** The busiest threads' share, "vert.x-eventloo 61 µs, C2 CompilerThre 40 µs, ...", per keystroke. */
        String busiestThreads() {
            return cpuNanos.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(4)
                    .map(e -> String.format("%s %.0f µs", e.getKey(), (double) e.getValue() / keystrokes / 1e3))
                    .collect(Collectors.joining(", "));
        }
    }

    /**
     * {@code level} terminals of each target, all open at once; the targets' terminals type in turns, {@link
     * #ROUNDS} turns each, every terminal of a turn at once. What each target typed, in the order given.
     */
    static List<Typed> atLevel(List<? extends Target> targets, int level) throws Exception {
        List<List<Screen>> terminals = new ArrayList<>();
        List<Typed> typed = new ArrayList<>(Collections.nCopies(targets.size(), Typed.none()));
        try {
            for (Target target : targets) {
                terminals.add(target.openAll(level));
            }
            for (Target target : targets) {
                target.awaitIdle();
            }
            BenchmarkRun.progress("level " + level + ": typing starts");
            int perRound = (level == 1 ? KEYSTROKES_ALONE : KEYSTROKES) / ROUNDS;
            for (int round = 0; round < ROUNDS; round++) {
                int warmUp = round == 0 ? WARM_UP_KEYSTROKES : 0;
                for (int i = 0; i < targets.size(); i++) {
                    typed.set(i, typed.get(i).plus(turn(targets.get(i), terminals.get(i), perRound, warmUp)));
                }
            }
            for (int i = 0; i < targets.size(); i++) {
                BenchmarkRun.progress(String.format("%s echo at %d: %s; server CPU %.0f µs per keystroke (%s)",
                        targets.get(i).name(), level, typed.get(i).echo().summary(),
                        typed.get(i).cpuPerKeystroke() / 1e3, typed.get(i).busiestThreads()));
            }
            return typed;
        } finally {
            for (int i = 0; i < terminals.size(); i++) {
                targets.get(i).closeAll(terminals.get(i));
            }
            Thread.sleep(1000);
        }
    }

    /** One turn: {@code target}'s terminals type at once ({@link #typeOn}), its server's CPU read around it. */
    private static Typed turn(Target target, List<Screen> terminals, int keystrokes, int warmUp) throws Exception {
        Map<Long, Procfs.ThreadTime> before = Procfs.threadTimes(target.pid());
        Percentiles echo = typeOn(terminals, keystrokes, warmUp);
        Map<String, Long> ran = Procfs.ranBetween(before, Procfs.threadTimes(target.pid()));
        return new Typed(echo, ran, (long) terminals.size() * (withClears(warmUp) + withClears(keystrokes)));
    }

    /** The keys {@link #type} sends for {@code count} 'a's: they and a Ctrl-U every 50 and at the end. */
    static int withClears(int count) {
        return count + (count + KEYSTROKES_PER_LINE - 1) / KEYSTROKES_PER_LINE;
    }

    /** Every terminal types (warm-up, then {@code keystrokes} timed ones) on a thread of its own, all at once. */
    static Percentiles typeOn(List<Screen> terminals, int keystrokes) throws Exception {
        return typeOn(terminals, keystrokes, WARM_UP_KEYSTROKES);
    }

    /** Every terminal types {@code warmUp} untimed keystrokes, then {@code keystrokes} timed ones, all at once. */
    static Percentiles typeOn(List<Screen> terminals, int keystrokes, int warmUp) throws Exception {
        Percentiles all = new Percentiles();
        ExecutorService typists = Executors.newFixedThreadPool(terminals.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Percentiles>> results = new ArrayList<>();
            for (Screen terminal : terminals) {
                long phase = ThreadLocalRandom.current().nextLong(INTERVAL_NANOS);
                results.add(typists.submit(() -> {
                    start.await();
                    TimeUnit.NANOSECONDS.sleep(phase);
                    type(terminal, warmUp, new Percentiles());
                    return type(terminal, keystrokes, new Percentiles());
                }));
            }
            start.countDown();
            for (Future<Percentiles> result : results) {
                all.addAll(result.get(5, TimeUnit.MINUTES));
            }
        } finally {
            typists.shutdownNow();
        }
        return all;
    }

    /** {@code count} single 'a's about 10 ms apart, the line cleared with Ctrl-U every 50 (its redraw not timed). */
    static Percentiles type(Screen terminal, int count, Percentiles samples) throws InterruptedException {
        byte[] key = {'a'};
        for (int i = 1; i <= count; i++) {
            long sent = System.nanoTime();
            samples.add(terminal.echo(key, Duration.ofSeconds(10)));
            if (i % KEYSTROKES_PER_LINE == 0 || i == count) {
                long mark = terminal.received();
                terminal.send(new byte[] {0x15});
                terminal.awaitReceivedBeyond(mark, Duration.ofSeconds(10));
                Thread.sleep(20);
            }
            long wait = sent + INTERVAL_NANOS - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
        }
        return samples;
    }
}
