package io.glassbox.bench;

import io.glassbox.client.Screen;
import io.glassbox.client.Screen.Flood;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Output throughput: a command prints as fast as it can, the client reads and acknowledges as the browser does;
 * timed from its Enter until the prompt is back. Then flow control: the server's RSS during the one-stream
 * flood (it must not grow with the output), and how long an endless flood takes to stop after a Ctrl-C.
 */
final class Throughput {

    static final long ONE_STREAM_BYTES = 100_000_000L;
    static final int STREAMS = 10;
    static final long PER_STREAM_BYTES = 20_000_000L;

    private Throughput() {
    }

    static String command(long bytes) {
        return "head -c " + bytes + " /dev/zero | tr '\\0' y";
    }

    static void run(TtydTarget ttyd, GlassboxTarget glassbox, Table table, List<String> notes) throws Exception {
        long[] rssGrowth = new long[2];
        double[] one = new double[2];
        double[] ten = new double[2];
        double[] ctrlC = new double[2];
        List<Target> targets = List.of(ttyd, glassbox);
        for (int i = 0; i < 2; i++) {
            Target target = targets.get(i);
            RssSampler rss = new RssSampler(target.pid());
            one[i] = aggregate(target, floods(target, 1, ONE_STREAM_BYTES, rss));
            rssGrowth[i] = rss.peakGrowth();
            ten[i] = aggregate(target, floods(target, STREAMS, PER_STREAM_BYTES, null));
            ctrlC[i] = ctrlC(target);
        }
        table.compare("Output throughput, 1 stream (`" + command(ONE_STREAM_BYTES) + "`)", one[0], one[1],
                Table.Unit.MBPS, Table.Better.HIGHER);
        table.compare("Output throughput, " + STREAMS + " streams at once (" + PER_STREAM_BYTES / 1_000_000
                + " MB each), aggregate", ten[0], ten[1], Table.Unit.MBPS, Table.Better.HIGHER);
        table.row("Flow control: server RSS growth at its peak during the 1-stream flood", Table.mb(rssGrowth[0]),
                Table.mb(rssGrowth[1]), "", "bounded (no growth with output)");
        table.row("Flow control: Ctrl-C → prompt during an endless flood", Table.ms(ctrlC[0]), Table.ms(ctrlC[1]),
                String.format("%.2f", ctrlC[1] / ctrlC[0]), "Glassbox ≤ 500 ms" + (ctrlC[1] <= 500e6 ? " ✅" : " ❌"));
        notes.add("Throughput: MB = 10^6 bytes of terminal output as received; the client acknowledges every 64 KiB "
                + "(Glassbox) or just reads (ttyd paces by TCP). A Glassbox lab host is capped at 1 CPU. RSS is the "
                + "server process's VmRSS sampled every 20 ms during the flood, minus before it (for ttyd: ttyd's). "
                + "Ctrl-C: `tr '\\0' y < /dev/zero` runs until 20 MB arrived, then Ctrl-C is typed; timed until "
                + "the prompt arrives, the client still reading at full speed.");
    }

    /** MB/s of all floods together: their bytes over the time from the first Enter to the last prompt. */
    static double aggregate(Target target, List<Flood> floods) {
        long start = floods.stream().mapToLong(Flood::startNanos).min().orElseThrow();
        long end = floods.stream().mapToLong(Flood::endNanos).max().orElseThrow();
        double rate = floods.stream().mapToLong(Flood::bytes).sum() / 1e6 / ((end - start) / 1e9);
        BenchmarkRun.progress(target.name() + " " + floods.size() + " stream(s): " + String.format("%.1f", rate)
                + " MB/s (" + floods.stream().mapToLong(Flood::frames).sum() + " frames)");
        return rate;
    }

    /** {@code streams} terminals each print {@code bytes} at the same time; RSS sampled meanwhile if asked. */
    static List<Flood> floods(Target target, int streams, long bytes, RssSampler rss) throws Exception {
        List<Screen> terminals = target.openAll(streams);
        ExecutorService runners = Executors.newFixedThreadPool(streams);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Flood>> results = new ArrayList<>();
            for (Screen terminal : terminals) {
                results.add(runners.submit(() -> {
                    start.await();
                    return terminal.flood(command(bytes) + "\r", bytes, Duration.ofMinutes(10));
                }));
            }
            if (rss != null) {
                rss.start();
            }
            start.countDown();
            List<Flood> floods = new ArrayList<>();
            for (Future<Flood> result : results) {
                floods.add(result.get(15, TimeUnit.MINUTES));
            }
            return floods;
        } finally {
            if (rss != null) {
                rss.stop();
            }
            runners.shutdownNow();
            target.closeAll(terminals);
            Thread.sleep(1000);
        }
    }

    /** Nanoseconds from typing Ctrl-C into an endless flood (20 MB in) until the prompt arrived. */
    static double ctrlC(Target target) throws Exception {
        List<Screen> terminals = target.openAll(1);
        try {
            Screen terminal = terminals.get(0);
            long from = terminal.received();
            terminal.type("tr '\\0' y < /dev/zero\r");
            terminal.await(() -> terminal.received() - from > 20_000_000, Duration.ofMinutes(2), "20 MB of flood");
            long mark = terminal.received();
            long sent = System.nanoTime();
            terminal.type("\u0003");
            terminal.await(() -> terminal.containsAfter(mark, "# "), Duration.ofSeconds(30), "prompt after Ctrl-C");
            long nanos = System.nanoTime() - sent;
            BenchmarkRun.progress(target.name() + " Ctrl-C → prompt: " + Table.ms(nanos) + ", "
                    + (terminal.received() - mark) + " bytes after it");
            return nanos;
        } finally {
            target.closeAll(terminals);
        }
    }

    /** Samples a process's RSS every 20 ms on a thread of its own; keeps the peak. */
    static final class RssSampler {
        private final long pid;
        private final AtomicLong peak = new AtomicLong();
        private long before;
        private volatile boolean running;
        private Thread thread;

        RssSampler(long pid) {
            this.pid = pid;
        }

        void start() {
            before = Procfs.rss(pid);
            running = true;
            thread = new Thread(() -> {
                while (running) {
                    peak.accumulateAndGet(Procfs.rss(pid), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join();
            }
        }

        long peakGrowth() {
            return Math.max(0, peak.get() - before);
        }
    }
}
