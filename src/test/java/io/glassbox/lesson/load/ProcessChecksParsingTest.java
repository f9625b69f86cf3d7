package io.glassbox.lesson.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.CheckSpec.CapabilitiesCheck;
import io.glassbox.lesson.model.CheckSpec.IoCheck;
import io.glassbox.lesson.model.CheckSpec.SeccompCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The capabilities, seccomp and io checks as lesson.yaml writes them: kebab-case fields, names the schema knows. */
class ProcessChecksParsingTest {

    private static final String LESSON = """
            id: 16-example
            title: {en: Example, zh-CN: 例子}
            summary: An example.
            stages:
              - id: first
                title: First
                instructions: Drop it.
                hints: [Use setpriv.]
                solve: setpriv --bounding-set -chown bash
                checks:
                  - type: capabilities
                    set: bounding
                    lacks: [chown, sys_admin]
                  - type: seccomp
                    mode: filter
                    filters: 2
                    no-new-privs: true
                  - type: io
                    read-bytes: 16M
            """;

    @TempDir
    Path tmp;

    @Test
    void theFieldsBindToTheirRecords() throws IOException {
        LessonParser.Result result = new LessonParser().parse(write(LESSON));
        assertThat(result.errors()).isEmpty();
        var checks = result.lesson().stages().get(0).checks();
        assertThat(checks).extracting(c -> c.id()).containsExactly("capabilities", "seccomp", "io");
        assertThat(checks.get(0)).usingRecursiveComparison().ignoringFields("id").isEqualTo(new CapabilitiesCheck(
                null, null, null, "bounding", null, List.of("chown", "sys_admin"), null));
        assertThat(checks.get(1)).usingRecursiveComparison().ignoringFields("id")
                .isEqualTo(new SeccompCheck(null, null, null, "filter", 2, true));
        assertThat(checks.get(2)).usingRecursiveComparison().ignoringFields("id")
                .isEqualTo(new IoCheck(null, null, null, "16M", null));
    }

    @Test
    void aMisspelledCapabilityOrSetIsALessonErrorWithItsField() throws IOException {
        var errors = new LessonParser().parse(write(LESSON.replace("sys_admin]", "sys_adminn]")
                .replace("set: bounding", "set: bound"))).errors();
        assertThat(errors).anySatisfy(e -> assertThat(e.field()).isEqualTo("stages[0].checks[0].lacks[1]"));
        assertThat(errors).anySatisfy(e -> assertThat(e.field()).isEqualTo("stages[0].checks[0].set"));
    }

    private Path write(String yaml) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("16-example"));
        return Files.writeString(dir.resolve("lesson.yaml"), yaml);
    }
}
