package io.glassbox.lesson.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.check.StageChecker;
import io.glassbox.lesson.load.LessonCatalog;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.testing.KernelTests;
import io.glassbox.testing.SandboxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The lesson test runner over the shipped lessons, on this machine's kernel: for every stage, every check
 * fails before its solve script and passes after. {@code ./glassbox lessons [ID,...]} runs just this, for
 * the lessons named in the system property glassbox.lessons (all when empty). The table goes to stdout.
 */
@Tag("kernel")
class LessonRunnerKernelTest {

    @RegisterExtension
    static final SandboxExtension LAB = new SandboxExtension(IsolationMode.USERNS, 1_050_000_000L);

    @Test
    void everyLessonWorksStageByStage() throws Exception {
        Set<String> wanted = Set.of(System.getProperty("glassbox.lessons", "").split(","));
        List<StageRun> runs = new ArrayList<>();
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (LessonCatalog catalog = new LessonCatalog(List.of(Path.of("lessons"))).load()) {
            assertThat(catalog.errors()).as("lesson files load").isEmpty();
            StageChecker checker = new StageChecker(KernelTests.PROC, KernelTests.cgroups(), KernelTests.COMMANDS,
                    LAB.sandbox().outside());
            LessonRunner runner = new LessonRunner(LAB.sandbox(), checker, timers, Duration.ofSeconds(60));
            for (Lesson lesson : catalog.lessons()) {
                if (wanted.contains("") || wanted.contains(lesson.id())) {
                    runs.addAll(runner.run(lesson, catalog.startingPoints(lesson)));
                }
            }
        } finally {
            timers.shutdownNow();
        }
        String report = RunReport.render(runs);
        System.out.println("\nLesson test runner\n\n" + report);
        assertThat(runs).as("lessons run").isNotEmpty();
        assertThat(runs).as(report).allMatch(StageRun::ok);
    }

    @Test
    void defectiveLessonsAreCaughtWithTheReasonAndTheTerminalsOutput() throws Exception {
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        try (LessonCatalog catalog = new LessonCatalog(List.of(Path.of("src/test/resources/lessons-defective"))).load()) {
            LessonRunner runner = new LessonRunner(LAB.sandbox(), new StageChecker(KernelTests.PROC, KernelTests.cgroups(),
                    KernelTests.COMMANDS, LAB.sandbox().outside()), timers, Duration.ofSeconds(30));
            List<StageRun> early = runner.run(catalog.lesson("01-passes-early").orElseThrow());
            assertThat(early).singleElement().satisfies(run -> {
                assertThat(run.ok()).isFalse();
                assertThat(run.passedEarly()).singleElement().asString().startsWith("namespace");
            });
            List<StageRun> never = runner.run(catalog.lesson("02-never-passes").orElseThrow());
            assertThat(never).singleElement().satisfies(run -> {
                assertThat(run.stillFailing()).singleElement().asString().contains("box1").contains("box2");
                assertThat(run.problem()).contains("hostname box2");
            });
            assertThat(RunReport.render(early)).contains("PASSED EARLY").contains("1 of 1 stages wrong");
        } finally {
            timers.shutdownNow();
        }
    }
}
