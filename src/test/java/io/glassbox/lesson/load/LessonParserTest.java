package io.glassbox.lesson.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Target;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonParserTest {

    private static final String GOOD = """
            id: 09-example
            title: {en: Example, zh-CN: 例子}
            summary: An example.
            stages:
              - id: first
                title: First
                instructions: "file:first.md"
                hints: [Try harder.]
                solve: unshare --uts bash
                checks:
                  - type: namespace
                    namespace: uts
                  - type: command
                    target: {process: httpd}
                    run: "true"
                  - type: command
                    target: lab-host
                    run: "true"
            """;

    @TempDir
    Path tmp;
    private final LessonParser parser = new LessonParser();

    private Path write(String folder, String yaml) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(folder));
        return Files.writeString(dir.resolve("lesson.yaml"), yaml);
    }

    @Test
    void bindsTextsTargetsChecksAndIncludedMarkdown() throws IOException {
        Path file = write("09-example", GOOD);
        Files.writeString(file.resolveSibling("first.md"), "# Look\n");
        LessonParser.Result result = parser.parse(file);
        assertThat(result.errors()).isEmpty();
        Lesson lesson = result.lesson();
        assertThat(lesson.title().in("zh-CN")).isEqualTo("例子");
        assertThat(lesson.summary().in("zh-CN")).isEqualTo("An example.");
        assertThat(lesson.stages().get(0).instructions().english()).isEqualTo("# Look\n");
        var checks = lesson.stages().get(0).checks();
        assertThat(checks).extracting(CheckSpec::id).containsExactly("namespace", "command", "command-2");
        assertThat(((CheckSpec.NamespaceCheck) checks.get(0)).namespace()).isEqualTo("uts");
        assertThat(checks.get(0).targetOrShell()).isEqualTo(Target.SHELL);
        assertThat(checks.get(1).target()).isEqualTo(new Target(Target.Kind.PROCESS, "httpd"));
        assertThat(checks.get(2).target()).isEqualTo(Target.LAB_HOST);
    }

    @Test
    void yamlSyntaxErrorsNameTheLine() throws IOException {
        Path file = write("09-example", "id: 09-example\ntitle: [unclosed\nsummary: x\n");
        assertThat(parser.parse(file).errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isBetween(2, 4);
            assertThat(e.message()).startsWith("not valid YAML");
        });
    }

    @Test
    void schemaErrorsNameLineAndField() throws IOException {
        Path file = write("09-example", GOOD.replace("namespace: uts", "namespace: utss")
                .replace("    hints: [Try harder.]\n", "    hint: [Try harder.]\n"));
        var errors = parser.parse(file).errors();
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("stages[0].checks[0].namespace");
            assertThat(e.line()).isEqualTo(12);
            assertThat(e.message()).contains("cgroup");
        });
        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("stages[0].hint");
            assertThat(e.line()).isEqualTo(8);
            assertThat(e.message()).contains("unknown field 'hint'");
        });
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("hints"));
        assertThat(errors.get(0).toString()).startsWith(file + ":");
    }

    @Test
    void unknownCheckTypesAndMissingEnglishAreRefused() throws IOException {
        Path file = write("09-example", GOOD.replace("type: namespace", "type: namespaces")
                .replace("title: {en: Example, zh-CN: 例子}", "title: {zh-CN: 例子}"));
        var errors = parser.parse(file).errors();
        assertThat(errors).anySatisfy(e -> assertThat(e.field()).isEqualTo("stages[0].checks[0].type"));
        assertThat(errors).anySatisfy(e -> assertThat(e.field()).isEqualTo("title"));
    }

    @Test
    void rulesCatchWhatTheSchemaCannot() throws IOException {
        String twoStages = GOOD + """
                  - id: first
                    title: Again
                    instructions: Same id.
                    hints: [None.]
                    solve: "true"
                    checks:
                      - {type: hostname, equals: a}
                      - {type: hostname, id: dup, equals: b}
                      - {type: hostname, id: dup, equals: c}
                """;
        Path file = write("10-other-folder", twoStages.replace("\"file:first.md\"", "Inline."));
        var errors = parser.parse(file).errors();
        assertThat(errors).extracting(LessonError::field).contains("id", "stages[1].id", "stages[1].checks[2].id");
        assertThat(errors).anySatisfy(e -> assertThat(e.message()).contains("must be the folder's name, '10-other-folder'"));
        assertThat(errors).allSatisfy(e -> assertThat(e.line()).isPositive());
    }

    @Test
    void anIncludedFileMustExistInTheLessonsFolder() throws IOException {
        Path file = write("09-example", GOOD.replace("file:first.md", "file:../../etc/passwd"));
        assertThat(parser.parse(file).errors()).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("no file ../../etc/passwd in the lesson's folder"));
    }
}
