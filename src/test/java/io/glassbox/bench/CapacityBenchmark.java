package io.glassbox.bench;

import io.glassbox.client.Screen;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The capacity run: {@code LEARNERS} learners on one server, each with a lab host and its shell at the prompt
 * (idle), then 10, 20, ... {@code TYPISTS} of them typing at once. Reports echo latency under that load, the 503s
 * met while admitting them, what an idle learner costs (PSS of server + lab host + shell, MemAvailable, server
 * threads from the half-way point on, as {@link SessionCost} counts them, server heap) and the sizing rule that
 * follows (docs/benchmarks.md). Run by {@code ./glassbox bench capacity}, whose server admits 210 sessions (200
 * learners and the warm pool).
 */
public final class CapacityBenchmark {

    static final int LEARNERS = Integer.getInteger("glassbox.bench.learners", 200);
    static final int TYPISTS = 50;
    /** How many type at once in the sweep: 10, 20, ... 50. */
    static final int TYPING_STEP = 10;
    static final int[] TYPING = {10, 20, 30, 40, TYPISTS};
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
        BenchmarkRun.execute("Glassbox capacity benchmark", base, List.of(table), notes, () -> run(glassbox, table, notes),
                glassbox::closeEverything);
    }

    static void run(GlassboxTarget glassbox, Table table, List<String> notes) throws Exception {
        long pid = glassbox.pid();
        long available = Procfs.meminfo("MemAvailable");
        SessionCost.Snapshot before = SessionCost.snapshot(glassbox);
        long heapBefore = Procfs.heapAfterGc(pid);
        long jvmBefore = Procfs.pss(Set.of(pid));
        long labBefore = glassbox.labHostMemory();
        List<Screen> learners = new ArrayList<>();
        int half = LEARNERS / 2;
        int threadsAtHalf = 0;
        long paused = 0;
        long t0 = System.nanoTime();
        for (int i = 0; i < LEARNERS; i++) {
            learners.add(glassbox.open());
            if ((i + 1) % 25 == 0) {
                BenchmarkRun.progress((i + 1) + " learners at their prompt after "
                        + (System.nanoTime() - t0 - paused) / 1_000_000_000 + " s; load " + Procfs.loadAverage());
            }
            if (i + 1 == half) {
                long pause = System.nanoTime();
                glassbox.awaitIdle();
                threadsAtHalf = Procfs.threads(pid);
                paused = System.nanoTime() - pause;
            }
        }
        long filled = (System.nanoTime() - t0 - paused) / 1_000_000_000;
        Percentiles posts = glassbox.takePosts();
        Percentiles prompts = glassbox.takePrompts();
        glassbox.awaitIdle();
        double cpuBefore = Procfs.cpuSeconds(pid);
        Thread.sleep(10_000);
        double idleCpu = (Procfs.cpuSeconds(pid) - cpuBefore) / 10;
        SessionCost.Snapshot idle = SessionCost.snapshot(glassbox);
        double jvm = (Procfs.pss(Set.of(pid)) - jvmBefore) / (double) LEARNERS;
        double lab = (glassbox.labHostMemory() - labBefore) / (double) LEARNERS;
        long heapIdle = Procfs.heapAfterGc(pid);
        long availableIdle = Procfs.meminfo("MemAvailable");
        double pss = idle.pssEach(before, LEARNERS);
        double availableDrop = (available - availableIdle) / (double) LEARNERS;
        BenchmarkRun.progress("idle: before " + before + ", with " + LEARNERS + " learners " + idle);

        table.row(LEARNERS + " learners admitted, one after another (each until its prompt)", learners.size()
                + " in " + filled + " s", "");
        table.row("503 answers while admitting them", Integer.toString(glassbox.refusals()), "0 below the limits"
                + (glassbox.refusals() == 0 ? " ✅" : " ❌"));
        table.row("POST /api/sessions p50 / p95 while filling up", posts.ms(50, 95), "");
        table.row("Session created → first prompt p50 / p95 while filling up (under load: the warm pool refilling)",
                prompts.ms(50, 95), "");
        table.row("Memory per idle learner (PSS: server + lab host + shell)", Table.Unit.MIB.format(pss), "");
        table.row("Memory per idle learner: server JVM's PSS + lab host's memory cgroup (processes, tmpfs, page "
                + "cache, kernel memory)", labBefore < 0 ? "–" : Table.Unit.MIB.format(jvm)  + " + "
                + Table.Unit.MIB.format(lab) + " = " + Table.Unit.MIB.format(jvm + lab), "");
        table.row("Machine MemAvailable drop per idle learner (moves with other work on the machine)",
                Table.Unit.MIB.format(availableDrop), "");
        table.row("Server CPU with " + LEARNERS + " idle learners (10 s, once the warm pool refilled)",
                String.format("%.1f %% of a CPU", idleCpu * 100), "");
        double threads = (idle.threads() - threadsAtHalf) / (double) (LEARNERS - half);
        table.row("Server threads per learner (from " + half + " to " + LEARNERS + " idle learners: " + threadsAtHalf
                + " → " + idle.threads() + "; " + before.threads() + " with none)", String.format("%.2f", threads),
                SessionCost.threadsGoal(threads, 0.1, "learner"));
        table.row("Server heap after full GC, before → with " + LEARNERS + " learners", Table.Unit.MIB.format(heapBefore)
                + " → " + Table.Unit.MIB.format(heapIdle), "");
        int held = 0;
        for (int typists : TYPING) {
            Percentiles echo = EchoLatency.typeOn(learners.subList(0, typists), EchoLatency.KEYSTROKES);
            BenchmarkRun.progress("echo with " + typists + " of " + LEARNERS + " typing: " + echo.summary());
            boolean met = echo.percentile(99) <= 10e6;
            held = met && held == typists - TYPING_STEP ? typists : held;
            table.row("Keystroke echo p50 / p99, " + typists + " of them typing (n=" + echo.count() + ")",
                    echo.ms(50, 99), "p99 ≤ 10 ms" + (met ? " ✅" : " ❌"));
        }
        sizing(labBefore < 0 ? Math.max(pss, availableDrop) : Math.max(pss, jvm + lab), held, table, notes);
    }

    /**
     * The sizing rule: idle learners per GiB from the larger of PSS and MemAvailable's drop per learner; typing
     * learners per core from the most typists (in steps of 10, all smaller steps meeting it too) whose echo p99
     * stayed within 10 ms beside the other idle learners.
     */
    static void sizing(double perLearner, int typists, Table table, List<String> notes) {
        int cores = Runtime.getRuntime().availableProcessors();
        table.row("Sizing: idle learners per GiB of memory", String.format("%.0f", GIB / perLearner), "");
        table.row("Sizing: learners typing at once per core, echo p99 ≤ 10 ms", typists == 0
                ? "< " + TYPING_STEP / cores : String.format("%.0f", typists / (double) cores), "");
        notes.add("Sizing: memory per learner is the larger of PSS and the server JVM's PSS plus the lab host's "
                + "memory cgroup (which also holds its tmpfs root, page cache and kernel memory), per learner; it is "
                + "what an idle learner, a shell at its prompt, costs. Learners who build things use more, up to their lab host's cap "
                + "(glassbox.sandbox.memory, 512 MiB), and the server admits a new lab host only while "
                + "MemAvailable stays above that cap plus glassbox.sessions.memory-reserve. Per core: the most "
                + "learners typing at once (10 to " + TYPISTS + ", beside " + LEARNERS + " connected) for which echo "
                + "p99 stayed ≤ 10 ms, divided by the " + cores + " CPUs.");
    }
}
