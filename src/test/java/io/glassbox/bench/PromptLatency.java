package io.glassbox.bench;

import io.glassbox.client.Screen;
import java.util.List;

/**
 * A new terminal until its first prompt, what a learner waits for: for Glassbox from {@code POST /api/sessions}
 * (the lab host starts, or is taken from the warm pool) through the WebSocket handshake until the shell's
 * prompt arrives; for ttyd from the WebSocket's connect (it starts a bash) until the prompt. One at a time,
 * with a pause after each so that Glassbox's background teardown and warm-pool refill do not slow the next.
 */
final class PromptLatency {

    static final int RUNS = 30;

    private PromptLatency() {
    }

    static void run(TtydTarget ttyd, GlassboxTarget glassbox, Table table, List<String> notes) throws Exception {
        Percentiles reference = measure(ttyd);
        glassbox.takePosts();
        Percentiles ours = measure(glassbox);
        table.compare("Session created → first prompt, p50 (one at a time, n=" + RUNS + ")", reference.percentile(50),
                ours.percentile(50), Table.Unit.MS, Table.Better.LOWER);
        table.compare("Session created → first prompt, p95", reference.percentile(95), ours.percentile(95),
                Table.Unit.MS, Table.Better.LOWER);
        notes.add("Prompt: Glassbox's goal is p50 ≤ 50 ms and p95 ≤ 150 ms on a quiet machine; of its p50, "
                + "POST /api/sessions (the lab host, from the warm pool when one is ready) took "
                + Table.ms(glassbox.takePosts().percentile(50)) + "; a warm lab host comes with its first shell"
                + " already at its prompt, so the rest is mostly the WebSocket handshake; without one the shell starts"
                + " during the POST (docs/terminal-engine.md has the steps).");
    }

    static Percentiles measure(Target target) throws Exception {
        Percentiles latency = new Percentiles();
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            Screen terminal = target.open();
            latency.add(System.nanoTime() - t0);
            target.closeAll(List.of(terminal));
            Thread.sleep(300);
        }
        BenchmarkRun.progress(target.name() + " prompt latency: " + latency.summary());
        return latency;
    }
}
