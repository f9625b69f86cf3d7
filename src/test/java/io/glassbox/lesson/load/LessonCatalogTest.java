package io.glassbox.lesson.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCatalogTest {

    private static String lesson(String id, String title, String prerequisites) {
        return """
                id: %s
                title: %s
                summary: S.
                prerequisites: %s
                stages:
                  - id: only
                    title: Only
                    instructions: Do it.
                    hints: [Hint.]
                    solve: hostname x
                    checks:
                      - {type: hostname, equals: x}
                """.formatted(id, title, prerequisites);
    }

    @TempDir
    Path dir;

    private void write(String id, String yaml) throws IOException {
        Files.writeString(Files.createDirectories(dir.resolve(id)).resolve("lesson.yaml"), yaml);
    }

    @Test
    void servesGoodLessonsAndReportsBrokenOnesWithTheirFile() throws IOException {
        write("01-good", lesson("01-good", "Good", "[]"));
        write("02-broken", "id: 02-broken\n");
        write("03-needs", lesson("03-needs", "Needs", "[01-good, 07-missing]"));
        try (LessonCatalog catalog = new LessonCatalog(List.of(dir)).load()) {
            assertThat(catalog.lessons()).extracting(l -> l.id()).containsExactly("01-good", "03-needs");
            assertThat(catalog.errors()).anySatisfy(e -> assertThat(e.file()).endsWith(Path.of("02-broken", "lesson.yaml")));
            assertThat(catalog.errors("03-needs")).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("no lesson '07-missing'"));
        }
    }

    @Test
    void startingPointsChainEarliestFirstAndUnknownOnesOrCirclesAreErrorsWithTheirLine() throws IOException {
        write("01-base", lesson("01-base", "Base", "[]"));
        write("02-next", lesson("02-next", "Next", "[]").replace("prerequisites: []", "prerequisites: []\nstarts-from: 01-base"));
        write("03-last", lesson("03-last", "Last", "[]").replace("prerequisites: []", "prerequisites: []\nstarts-from: 02-next"));
        write("04-lost", lesson("04-lost", "Lost", "[]").replace("prerequisites: []", "prerequisites: []\nstarts-from: 09-gone"));
        write("05-round", lesson("05-round", "Round", "[]").replace("prerequisites: []", "prerequisites: []\nstarts-from: 06-about"));
        write("06-about", lesson("06-about", "About", "[]").replace("prerequisites: []", "prerequisites: []\nstarts-from: 05-round"));
        try (LessonCatalog catalog = new LessonCatalog(List.of(dir)).load()) {
            assertThat(catalog.startingPoints(catalog.lesson("03-last").orElseThrow())).extracting(l -> l.id())
                    .containsExactly("01-base", "02-next");
            assertThat(catalog.startingPoints(catalog.lesson("01-base").orElseThrow())).isEmpty();
            assertThat(catalog.errors("04-lost")).singleElement().satisfies(e -> {
                assertThat(e.message()).contains("no lesson '09-gone'");
                assertThat(e.line()).isEqualTo(5);
            });
            assertThat(catalog.errors("05-round")).singleElement()
                    .satisfies(e -> assertThat(e.message()).contains("round in a circle"));
        }
    }

    @Test
    void aBrokenEditKeepsTheLastGoodVersionLiveAndAFixedOneReloads() throws Exception {
        write("01-good", lesson("01-good", "Version one", "[]"));
        try (LessonCatalog catalog = new LessonCatalog(List.of(dir)).load()) {
            catalog.watch();
            CountDownLatch changed = new CountDownLatch(1);
            catalog.onChange(changed::countDown);

            write("01-good", lesson("01-good", "Version one", "[]").replace("hints: [Hint.]", "hints: []"));
            awaitChange(changed);
            assertThat(catalog.lesson("01-good")).get().extracting(l -> l.title().english()).isEqualTo("Version one");
            assertThat(catalog.errors("01-good")).isNotEmpty();

            CountDownLatch fixed = new CountDownLatch(1);
            catalog.onChange(fixed::countDown);
            write("01-good", lesson("01-good", "Version two", "[]"));
            awaitChange(fixed);
            assertThat(catalog.lesson("01-good")).get().extracting(l -> l.title().english()).isEqualTo("Version two");
            assertThat(catalog.errors()).isEmpty();
        }
    }

    @Test
    void aNewLessonFolderIsPickedUp() throws Exception {
        try (LessonCatalog catalog = new LessonCatalog(List.of(dir)).load()) {
            catalog.watch();
            CountDownLatch changed = new CountDownLatch(1);
            catalog.onChange(() -> {
                if (catalog.lesson("05-new").isPresent()) {
                    changed.countDown();
                }
            });
            write("05-new", lesson("05-new", "New", "[]"));
            awaitChange(changed);
        }
    }

    private static void awaitChange(CountDownLatch latch) throws InterruptedException {
        assertThat(latch.await(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS)).as("reload seen").isTrue();
    }
}
