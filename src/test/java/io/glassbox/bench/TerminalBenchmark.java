package io.glassbox.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The terminal benchmark: Glassbox beside ttyd in one run, as one Markdown table of ratios (docs/benchmarks.md).
 * Run by {@code ./glassbox bench}, which starts both servers; by hand (as the servers' user, with jcmd on the
 * PATH): {@code java -cp target/bench-classes io.glassbox.bench.TerminalBenchmark <glassbox url> <server pid>
 * <ttyd url> <ttyd pid>}.
 */
public final class TerminalBenchmark {

    private TerminalBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: TerminalBenchmark <glassbox url> <server pid> <ttyd url> <ttyd pid>");
            System.exit(2);
        }
        GlassboxTarget glassbox = new GlassboxTarget(URI.create(args[0]), Long.parseLong(args[1]));
        TtydTarget ttyd = new TtydTarget(URI.create(args[2]), Long.parseLong(args[3]));
        Table table = Table.comparison();
        List<String> notes = new ArrayList<>();
        BenchmarkRun.execute("Glassbox terminal benchmark, beside ttyd", URI.create(args[0]), List.of(table), notes, () -> {
            // Prompt latency first (it also warms the JIT up), the idle cost next, while the server has not yet
            // grown its heap and buffers for floods, then echo and throughput.
            if (selected("prompt")) {
                PromptLatency.run(ttyd, glassbox, table, notes);
            }
            if (selected("cost")) {
                SessionCost.run(ttyd, glassbox, table, notes);
            }
            if (selected("echo")) {
                EchoLatency.run(ttyd, glassbox, table);
            }
            if (selected("throughput")) {
                Throughput.run(ttyd, glassbox, table, notes);
            }
        }, glassbox::closeEverything);
    }

    /** GLASSBOX_BENCH_ONLY=echo,prompt (any of prompt, cost, echo, throughput) runs a subset. */
    static boolean selected(String measurement) {
        String only = System.getenv("GLASSBOX_BENCH_ONLY");
        return only == null || only.isBlank() || List.of(only.split(",")).contains(measurement);
    }
}
