package io.glassbox.lesson.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Mistake;
import io.glassbox.lesson.model.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code mistakes} of a stage: how they bind, and how a broken one is reported with its line and field. */
class LessonMistakesTest {

    private static final String LESSON = """
            id: 09-example
            title: Example
            summary: An example.
            stages:
              - id: first
                title: First
                instructions: Do it.
                hints: [Try harder.]
                solve: unshare --pid --fork bash
                checks:
                  - type: pid
                    equals: 1
                mistakes:
                  - id: pid-without-fork
                    when:
                      typed: 'unshare\\b(?!.*--fork)'
                      failing: pid
                      observed: lab host
                    hint:
                      en: Add `--fork`.
                      zh-CN: 加上 `--fork`。
            """;

    @TempDir
    Path tmp;
    private final LessonParser parser = new LessonParser();

    private LessonParser.Result parse(String yaml) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("09-example"));
        return parser.parse(Files.writeString(dir.resolve("lesson.yaml"), yaml));
    }

    @Test
    void aMistakeBindsWithItsConditionsAndBilingualHint() throws IOException {
        LessonParser.Result result = parse(LESSON);
        assertThat(result.errors()).isEmpty();
        Mistake mistake = result.lesson().stages().get(0).mistakes().get(0);
        assertThat(mistake.id()).isEqualTo("pid-without-fork");
        assertThat(mistake.when()).isEqualTo(new Mistake.When("unshare\\b(?!.*--fork)", "pid", "lab host"));
        assertThat(mistake.hint().in("zh-CN")).isEqualTo("加上 `--fork`。");
        assertThat(mistake.hint().in("en")).isEqualTo("Add `--fork`.");
    }

    @Test
    void aBadRegexOrAnUnknownCheckIsReportedWithLineAndField() throws IOException {
        var errors = parse(LESSON.replace("'unshare\\b(?!.*--fork)'", "'unshare ('")
                .replace("failing: pid", "failing: pid-one")).errors();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("stages[0].mistakes[0].when.typed");
            assertThat(e.line()).isEqualTo(16);
            assertThat(e.message()).startsWith("not a valid regular expression");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("stages[0].mistakes[0].when.failing");
            assertThat(e.line()).isEqualTo(17);
            assertThat(e.message()).contains("has no check 'pid-one'", "its checks: pid");
        });
    }

    @Test
    void theSchemaWantsAConditionAndObservedNeedsFailing() throws IOException {
        String when = LESSON.substring(LESSON.indexOf("        when:"), LESSON.indexOf("        hint:"));
        var noCondition = parse(LESSON.replace(when, "        when: {}\n")).errors();
        assertThat(noCondition).isNotEmpty().allSatisfy(e -> assertThat(e.field()).startsWith("stages[0].mistakes[0]"));
        var observedAlone = parse(LESSON.replace("          failing: pid\n", "")).errors();
        assertThat(observedAlone).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("stages[0].mistakes[0].when");
            assertThat(e.message()).contains("failing");
        });
        var duplicate = parse(LESSON + LESSON.substring(LESSON.indexOf("      - id: pid-without-fork"))).errors();
        assertThat(duplicate).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("stages[0].mistakes[1].id");
            assertThat(e.message()).contains("already has the id 'pid-without-fork'");
        });
    }

    /** Issue 15: every lesson of the curriculum names at least one common mistake, in both languages. */
    @Test
    void everyLessonRecognisesAMistakeInBothLanguages() throws IOException {
        Path lessons = Path.of("lessons");
        List<Path> files;
        try (Stream<Path> dirs = Files.list(lessons)) {
            files = dirs.map(dir -> dir.resolve("lesson.yaml")).filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(15);
        for (Path file : files) {
            LessonParser.Result result = parser.parse(file);
            assertThat(result.errors()).as(file.toString()).isEmpty();
            Lesson lesson = result.lesson();
            List<Mistake> mistakes = lesson.stages().stream().map(Stage::mistakes).flatMap(List::stream).toList();
            assertThat(mistakes).as(lesson.id() + " names a mistake").isNotEmpty();
            assertThat(mistakes).allSatisfy(m -> assertThat(m.hint().byLanguage()).as(lesson.id() + " " + m.id())
                    .containsKeys("en", "zh-CN"));
        }
    }
}
