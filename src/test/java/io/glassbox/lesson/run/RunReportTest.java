package io.glassbox.lesson.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunReportTest {

    @Test
    void mistakesNamedAsAStageBeginsAreListedWithoutMakingItWrong() {
        StageRun hinted = new StageRun("04-mount-pivot-root", "proc-and-old-root", List.of(), List.of(), null,
                Duration.ofMillis(1100), List.of("old-root-still-mounted"));
        StageRun plain = new StageRun("04-mount-pivot-root", "pivot-root", List.of(), List.of(), null,
                Duration.ofMillis(900));
        String report = RunReport.render(List.of(plain, hinted));
        assertThat(hinted.ok()).isTrue();
        assertThat(report).contains("2 stages, all correct")
                .contains("Mistakes named as the stage begins, before anything was typed:\n"
                        + "  04-mount-pivot-root / proc-and-old-root: old-root-still-mounted\n")
                .doesNotContain("pivot-root: ");
        assertThat(RunReport.render(List.of(plain))).doesNotContain("Mistakes named");
    }
}
