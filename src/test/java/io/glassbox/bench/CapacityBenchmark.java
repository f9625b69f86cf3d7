package io.glassbox.bench;

import io.glassbox.client.Screen;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The capacity run: {@code LEARNERS} learners on one server, each with a lab host and its shell at the prompt
 * (idle), then {@code TYPISTS} of them typing at once. Reports echo latency under that load, the 503s met while
 * admitting them, what an idle learner costs (PSS of server + lab host + shell, server threads, server heap) and
 * the sizing rule that follows (docs/benchmarks.md). Run by {@code ./glassbox bench capacity}, whose server
 * admits 210 sessions (200 learners and the warm pool).
 */
public final class CapacityBenchmark {

    static final int LEARNERS = Integer.getInteger("glassbox.bench.learners", 200);
    static final int TYPISTS = 50;
    static final double GIB = 1L << 30;

    private CapacityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: CapacityBenchmark <glassbox url> <server pid>");
            System.exit(2);
        }
        URI base = URI.create(args[0]);
        GlassboxTarget glassbox = new GlassboxTarget(base, Long.parseLong(args[1]));
        Table table = new Table("Measurement", "Value", "Goal");
        List<String> notes = new ArrayList<>();
        String loadBefore = Procfs.loadAverage();
        boolean failed = false;
        try {
            run(glassbox, table, notes);
        } catch (Exception | AssertionError e) {
            failed = true;
            notes.add("**Benchmark failed:** " + e + " (the rows above were measured before the failure)");
            e.printStackTrace();
        } finally {
            glassbox.closeEverything();
        }
        System.out.println();
        System.out.println(TerminalBenchmark.header("Glassbox capacity benchmark", base) + "; load average "
                + loadBefore + " before, " + Procfs.loadAverage() + " after");
        System.out.println();
        System.out.print(table.render());
        TerminalBenchmark.printNotes(notes);
        System.exit(failed ? 1 : 0);
    }

    static void run(GlassboxTarget glassbox, Table table, List<String> notes) throws Exception {
        long pid = glassbox.pid();
        long available = Procfs.meminfo("MemAvailable");
        SessionCost.Snapshot before = SessionCost.snapshot(glassbox);
        long heapBefore = Procfs.heapAfterGc(pid);
        List<Screen> learners = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < LEARNERS; i++) {
            learners.add(glassbox.open());
            if ((i + 1) % 25 == 0) {
                TerminalBenchmark.progress((i + 1) + " learners at their prompt after "
                        + (System.nanoTime() - t0) / 1_000_000_000 + " s; load " + Procfs.loadAverage());
            }
        }
        Percentiles posts = glassbox.takePosts();
        Thread.sleep(5000);
        SessionCost.Snapshot idle = SessionCost.snapshot(glassbox);
        long heapIdle = Procfs.heapAfterGc(pid);
        SessionCost.Cost cost = SessionCost.Cost.between(before, idle, LEARNERS);
        TerminalBenchmark.progress("idle: before " + before + ", with " + LEARNERS + " learners " + idle);
        Percentiles echo = EchoLatency.typeOn(learners.subList(0, TYPISTS));
        TerminalBenchmark.progress("echo with " + TYPISTS + " of " + LEARNERS + " typing: " + echo.summary());

        table.row(LEARNERS + " learners admitted, one after another (each until its prompt)", learners.size()
                + " in " + (System.nanoTime() - t0) / 1_000_000_000 + " s", "");
        table.row("503 answers while admitting them", Integer.toString(glassbox.refusals()), "0 below the limits"
                + (glassbox.refusals() == 0 ? " ✅" : " ❌"));
        table.row("POST /api/sessions p50 / p95 while filling up", Table.ms(posts.percentile(50)) + " / "
                + Table.ms(posts.percentile(95)), "");
        table.row("Keystroke echo p50, " + TYPISTS + " of them typing (n=" + echo.count() + ")",
                Table.ms(echo.percentile(50)), "");
        table.row("Keystroke echo p99, " + TYPISTS + " of them typing", Table.ms(echo.percentile(99)),
                "≤ 10 ms" + (echo.percentile(99) <= 10e6 ? " ✅" : " ❌"));
        table.row("Memory per idle learner (PSS: server + lab host + shell)", Table.Unit.MIB.format(cost.pss()), "");
        table.row("Server threads per learner", String.format("%.2f", cost.threads()), "constant (0 per learner)"
                + (cost.threads() < 0.1 ? " ✅" : " ❌"));
        table.row("Server threads, before → with " + LEARNERS + " learners", before.threads() + " → " + idle.threads(),
                "");
        table.row("Server heap after full GC, before → with " + LEARNERS + " learners", Table.Unit.MIB.format(heapBefore)
                + " → " + Table.Unit.MIB.format(heapIdle), "");
        table.row("Machine MemAvailable before → with " + LEARNERS + " learners", Table.Unit.MIB.format(available)
                + " → " + Table.Unit.MIB.format(Procfs.meminfo("MemAvailable")), "");
        sizing(cost, echo, table, notes);
    }

    /**
     * The sizing rule: idle learners per GiB from the measured PSS; typing learners per core from whether this
     * run kept echo p99 within 10 ms on this machine's cores.
     */
    static void sizing(SessionCost.Cost cost, Percentiles echo, Table table, List<String> notes) {
        int cores = Runtime.getRuntime().availableProcessors();
        double perGib = GIB / cost.pss();
        boolean held = echo.percentile(99) <= 10e6;
        table.row("Sizing: idle learners per GiB of memory", String.format("%.0f", perGib), "");
        table.row("Sizing: learners per core (" + TYPISTS + " of " + LEARNERS + " typing, echo p99 ≤ 10 ms "
                + (held ? "held" : "missed") + ")", (held ? "≥ " : "< ") + String.format("%.0f", LEARNERS / (double) cores),
                "");
        notes.add("Sizing: memory per learner is what an idle learner costs (a shell at its prompt); learners who "
                + "build things use more, up to their lab host's cap (glassbox.sandbox.memory, 512 MiB), and the "
                + "server admits a new lab host only while MemAvailable stays above that cap plus "
                + "glassbox.sessions.memory-reserve. Per core: " + LEARNERS + " learners with " + TYPISTS
                + " typing on " + cores + " CPUs; 'held' means the echo goal was met at that load, so the figure is "
                + "a floor, not a ceiling.");
    }
}
