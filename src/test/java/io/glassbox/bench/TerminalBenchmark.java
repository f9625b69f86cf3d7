package io.glassbox.bench;

import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
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
        String loadBefore = Procfs.loadAverage();
        boolean failed = false;
        try {
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
        } catch (Exception | AssertionError e) {
            failed = true;
            notes.add("**Benchmark failed:** " + e + " (the rows above were measured before the failure)");
            e.printStackTrace();
        } finally {
            glassbox.closeEverything();
        }
        System.out.println();
        System.out.println(header("Glassbox terminal benchmark, beside ttyd", URI.create(args[0])) + "; load average "
                + loadBefore + " before, " + Procfs.loadAverage() + " after");
        System.out.println();
        System.out.print(table.render());
        printNotes(notes);
        System.exit(failed ? 1 : 0);
    }

    /** GLASSBOX_BENCH_ONLY=echo,prompt (any of prompt, cost, echo, throughput) runs a subset. */
    static boolean selected(String measurement) {
        String only = System.getenv("GLASSBOX_BENCH_ONLY");
        return only == null || only.isBlank() || List.of(only.split(",")).contains(measurement);
    }

    /** The run's date, server, machine and the extra server options (GLASSBOX_BENCH_JAVA_OPTS). */
    static String header(String title, URI base) {
        String options = System.getenv("GLASSBOX_BENCH_JAVA_OPTS");
        return title + ", " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + "  \nServer " + base + (options == null || options.isBlank() ? "" : " with " + options.strip())
                + "; kernel " + Procfs.run("uname", "-r").strip() + "; " + Runtime.getRuntime().availableProcessors()
                + " CPUs; " + Procfs.meminfo("MemTotal") / (1 << 30) + " GiB; JVM " + System.getProperty("java.vm.name")
                + " " + Runtime.version();
    }

    static void printNotes(List<String> notes) {
        for (int i = 0; i < notes.size(); i++) {
            System.out.println();
            System.out.println("[" + (i + 1) + "] " + notes.get(i));
        }
    }

    static void progress(String message) {
        System.err.println("bench: " + message);
    }
}
