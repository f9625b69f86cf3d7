package io.glassbox.bench;

import java.net.URI;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The frame every benchmark runs in: measure, and if a measurement fails, keep the rows measured before it and
 * say so in a note; clean up in any case; then print the header (date, server, machine, load), the tables and
 * the notes as Markdown, and exit 1 if anything failed.
 */
final class BenchmarkRun {

    /** The measurements, filling the tables and notes handed to {@link #execute}. */
    interface Measurements {
        void run() throws Exception;
    }

    private BenchmarkRun() {
    }

    static void execute(String title, URI server, List<Table> tables, List<String> notes, Measurements measurements,
            Runnable cleanup) {
        String loadBefore = Procfs.loadAverage();
        boolean failed = false;
        try {
            measurements.run();
        } catch (Exception | AssertionError e) {
            failed = true;
            notes.add("**Benchmark failed:** " + e + " (the rows above were measured before the failure)");
            e.printStackTrace();
        } finally {
            cleanup.run();
        }
        System.out.println();
        System.out.println(header(title, server) + "; load average " + loadBefore + " before, " + Procfs.loadAverage()
                + " after");
        for (Table table : tables) {
            System.out.println();
            System.out.print(table.render());
        }
        for (int i = 0; i < notes.size(); i++) {
            System.out.println();
            System.out.println("[" + (i + 1) + "] " + notes.get(i));
        }
        System.exit(failed ? 1 : 0);
    }

    /** The run's date, server, machine and the extra server options (GLASSBOX_BENCH_JAVA_OPTS). */
    static String header(String title, URI server) {
        String options = System.getenv("GLASSBOX_BENCH_JAVA_OPTS");
        return title + ", " + ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"))
                + "  \nServer " + server + (options == null || options.isBlank() ? "" : " with " + options.strip())
                + "; kernel " + Procfs.run("uname", "-r").strip() + "; " + Runtime.getRuntime().availableProcessors()
                + " CPUs; " + Procfs.meminfo("MemTotal") / (1 << 30) + " GiB; JVM " + System.getProperty("java.vm.name")
                + " " + Runtime.version();
    }

    /**
     * A line on stderr while the benchmark runs (stdout is the report), with the time of day to match it with the
     * server's log and -Xlog files.
     */
    static void progress(String message) {
        System.err.println("bench " + LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + ": " + message);
    }
}
