package io.glassbox.lesson.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.glassbox.lesson.model.Lesson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads one {@code lesson.yaml}: YAML syntax, then the schema, then the rules. Each stage stops the next,
 * so the author sees the first kind of mistake first, every one of them with its line.
 */
public final class LessonParser {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final LessonSchema schema = new LessonSchema();

    /** The outcome of parsing one file: a lesson, or the errors that kept it from being one. */
    public record Result(Path file, Lesson lesson, List<LessonError> errors) {

        public boolean ok() {
            return lesson != null;
        }
    }

    public Result parse(Path file) {
        String yaml;
        try {
            yaml = Files.readString(file);
        } catch (IOException e) {
            return failed(file, 0, "", "cannot read the file: " + e.getMessage());
        }
        JsonNode tree;
        YamlLocations locations;
        try {
            tree = YAML.readTree(yaml);
            locations = YamlLocations.of(yaml);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            return failed(file, line, "", "not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            return failed(file, 0, "", "not valid YAML: " + e.getMessage());
        }
        if (tree == null || !tree.isObject()) {
            return failed(file, 1, "", "a lesson is a YAML mapping with id, title, summary and stages");
        }
        List<LessonSchema.Violation> violations = schema.validate(tree);
        if (!violations.isEmpty()) {
            return new Result(file, null, errors(file, locations, violations));
        }
        Lesson lesson;
        try {
            lesson = new LessonBinder(file.getParent()).bind(tree);
        } catch (IOException e) {
            return failed(file, 0, "", e.getMessage());
        }
        List<LessonSchema.Violation> problems = LessonRules.check(lesson, file.getParent().getFileName().toString());
        return problems.isEmpty() ? new Result(file, lesson, List.of()) : new Result(file, null, errors(file, locations, problems));
    }

    private static List<LessonError> errors(Path file, YamlLocations locations, List<LessonSchema.Violation> violations) {
        return violations.stream().map(v -> new LessonError(file, locations.line(v.pointer()),
                YamlLocations.field(v.pointer()), v.message())).distinct().toList();
    }

    private static Result failed(Path file, int line, String field, String message) {
        return new Result(file, null, List.of(new LessonError(file, line, field, message)));
    }
}
