package io.glassbox.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcfsTest {

    @Test
    void ranBetweenCountsThreadsByIdSoAnEndedNamesakeTakesNothingOff() {
        Map<Long, Procfs.ThreadTime> before = Map.of(
                10L, new Procfs.ThreadTime("executor-thread", 5_000_000),
                11L, new Procfs.ThreadTime("executor-thread", 700),
                12L, new Procfs.ThreadTime("vert.x-eventloo", 1_000));
        Map<Long, Procfs.ThreadTime> after = Map.of(
                11L, new Procfs.ThreadTime("executor-thread", 900), // 10 ended meanwhile, after 5 ms of its life
                12L, new Procfs.ThreadTime("vert.x-eventloo", 4_000),
                13L, new Procfs.ThreadTime("C2 CompilerThre", 250)); // started meanwhile

        assertThat(Procfs.ranBetween(before, after)).containsOnly(
                Map.entry("executor-thread", 200L),
                Map.entry("vert.x-eventloo", 3_000L),
                Map.entry("C2 CompilerThre", 250L));
    }

    @Test
    void threadTimesSeesThisThreadRun() {
        Map<Long, Procfs.ThreadTime> before = Procfs.threadTimes(ProcessHandle.current().pid());
        long spin = System.nanoTime() + 20_000_000;
        while (System.nanoTime() < spin) {
            Thread.onSpinWait();
        }
        Map<String, Long> ran = Procfs.ranBetween(before, Procfs.threadTimes(ProcessHandle.current().pid()));

        assertThat(ran.values().stream().mapToLong(Long::longValue).sum()).isGreaterThanOrEqualTo(15_000_000L);
        assertThat(ran.values()).allMatch(nanos -> nanos >= 0);
    }
}
