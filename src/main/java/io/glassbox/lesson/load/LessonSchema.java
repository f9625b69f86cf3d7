package io.glassbox.lesson.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * lessons/lesson.schema.json, the structure of a lesson, packaged on the classpath so the server validates
 * with exactly the schema authors' editors complete from.
 */
final class LessonSchema {

    private final Schema schema;

    LessonSchema() {
        try (InputStream in = LessonSchema.class.getResourceAsStream("/lesson.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("lesson.schema.json is missing from the classpath");
            }
            schema = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read lesson.schema.json", e);
        }
    }

    /** Violations as (JSON pointer, message) pairs, deepest first, without the noise of wrapper keywords. */
    List<Violation> validate(JsonNode lesson) {
        List<Violation> violations = new ArrayList<>();
        for (Error error : schema.validate(lesson)) {
            String keyword = error.getKeyword();
            if ("allOf".equals(keyword) || "if".equals(keyword) || "then".equals(keyword)) {
                continue; // reported through the failing property itself
            }
            String pointer = pointer(error.getInstanceLocation());
            if (isUnknownField(error) && error.getProperty() != null) {
                pointer += "/" + error.getProperty(); // point at the stray field itself, with its own line
            }
            violations.add(new Violation(pointer, humane(error)));
        }
        return violations;
    }

    record Violation(String pointer, String message) {
    }

    private static String pointer(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(String.valueOf(path.getElement(i)).replace("~", "~0").replace("/", "~1"));
        }
        return pointer.toString();
    }

    /** The validator's message without the location prefix it repeats ("$.stages[0].id: ..."). */
    private static String humane(Error error) {
        String message = error.getMessage();
        int colon = message.indexOf(": ");
        if (message.startsWith("$") && colon > 0) {
            message = message.substring(colon + 2);
        }
        if (isUnknownField(error)) {
            return "unknown field " + (error.getProperty() == null ? "" : "'" + error.getProperty() + "' ")
                    + "(see lessons/README.md for the fields this part takes)";
        }
        return message;
    }

    private static boolean isUnknownField(Error error) {
        return "unevaluatedProperties".equals(error.getKeyword()) || "additionalProperties".equals(error.getKeyword());
    }
}
