package io.glassbox.bench;

import io.glassbox.client.Screen;
import java.util.ArrayList;
import java.util.List;

/**
 * What an idle terminal costs: the growth of the proportional set size (PSS, /proc/<pid>/smaps_rollup) of the
 * server and everything it started for terminals (Glassbox: the JVM + lab hosts + shells; ttyd: ttyd + bash)
 * with {@code COUNT} idle terminals open, divided by {@code COUNT}; and the growth of the server's thread count
 * when {@code COUNT} more are opened the same way, divided by {@code COUNT}. The threads are counted from the
 * first {@code COUNT} on because opening them, many at once, grows pools sized by concurrent requests (a worker
 * pool thread or two, once); a thread per terminal shows in both halves alike. The capacity benchmark counts
 * its learners' threads the same way ({@link #threadsGoal}).
 */
final class SessionCost {

    static final int COUNT = 20;

    /** Memory and threads of a target, at one moment. */
    record Snapshot(long pss, int threads) {
        static Snapshot of(Target target) {
            return new Snapshot(Procfs.pss(target.processes()), Procfs.threads(target.pid()));
        }

        /** PSS bytes grown since {@code before}, per each of the {@code count} terminals (or learners) opened since. */
        double pssEach(Snapshot before, int count) {
            return (pss - before.pss) / (double) count;
        }

        /** Threads grown since {@code before}, per each of the {@code count} opened since. */
        double threadsEach(Snapshot before, int count) {
            return (threads - before.threads) / (double) count;
        }
    }

    /** Per-terminal growth: PSS bytes and threads. */
    record Cost(double pss, double threads) {
    }

    private SessionCost() {
    }

    static void run(TtydTarget ttyd, GlassboxTarget glassbox, Table table, List<String> notes) throws Exception {
        Cost reference = measure(ttyd, COUNT);
        long labBefore = glassbox.labHostMemory();
        long[] labWith = new long[1];
        Cost ours = measure(glassbox, COUNT, () -> labWith[0] = glassbox.labHostMemory());
        table.compare("Memory per idle terminal (PSS: server + lab host + shell; ttyd + bash), n=" + COUNT,
                reference.pss(), ours.pss(), Table.Unit.MIB, Table.Better.LOWER);
        table.row("Server threads per terminal (from " + COUNT + " to " + 2 * COUNT + " idle terminals)",
                String.format("%.2f", reference.threads()), String.format("%.2f", ours.threads()), "",
                "Glassbox: " + threadsGoal(ours.threads(), 1.0 / COUNT, "terminal"));
        if (labBefore >= 0) {
            notes.add("Memory beyond PSS: the lab hosts' memory cgroup grew by " + Table.Unit.MIB.format(
                    (labWith[0] - labBefore) / (double) COUNT) + " per terminal (processes, tmpfs root, page cache and "
                    + "the kernel memory charged to a lab host, which no process's PSS shows).");
        }
        notes.add("Memory: Glassbox's PSS counts the server JVM (after a full GC before each snapshot), every process "
                + "below it and every process in its lab hosts' cgroups; the warm pool's idle lab hosts are in both "
                + "snapshots, so they cancel out.");
    }

    /**
     * The goal for threads per terminal (or learner), met or not: a constant number for all terminals, so under
     * {@code limit} per terminal (a pool thread that came or went while they opened), where a thread per terminal
     * shows as 1.
     */
    static String threadsGoal(double perTerminal, double limit, String terminal) {
        return "constant (0 per " + terminal + ")" + (perTerminal < limit ? " ✅" : " ❌");
    }

    /** Opens {@code count} idle terminals and returns their cost each. */
    static Cost measure(Target target, int count) throws Exception {
        return measure(target, count, () -> { });
    }

    /**
     * As {@link #measure(Target, int)}, running {@code whileOpen} right after the second snapshot: memory from
     * before to {@code count} terminals, threads from {@code count} to twice as many.
     */
    static Cost measure(Target target, int count, Runnable whileOpen) throws Exception {
        Snapshot before = snapshot(target);
        List<Screen> terminals = new ArrayList<>(target.openAll(count));
        Snapshot after;
        Snapshot doubled;
        try {
            Thread.sleep(3000);
            after = snapshot(target);
            whileOpen.run();
            terminals.addAll(target.openAll(count));
            Thread.sleep(3000);
            doubled = Snapshot.of(target);
        } finally {
            target.closeAll(terminals);
        }
        Cost cost = new Cost(after.pssEach(before, count), doubled.threadsEach(after, count));
        BenchmarkRun.progress(target.name() + " idle cost: before " + before + ", with " + count + " terminals " + after
                + ", with " + 2 * count + " " + doubled + ": " + Table.Unit.MIB.format(cost.pss()) + " and "
                + cost.threads() + " threads per terminal");
        return cost;
    }

    /** A snapshot; for a JVM after a full GC, so that garbage does not count. */
    static Snapshot snapshot(Target target) {
        if (target instanceof GlassboxTarget) {
            Procfs.heapAfterGc(target.pid());
        }
        return Snapshot.of(target);
    }
}
