package io.glassbox.lesson.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each field of a YAML document starts, by JSON pointer ({@code /stages/1/checks/0/namespace} to line
 * 23). Built with one pass over the parser's tokens, so errors found later on the tree can name a line.
 */
final class YamlLocations {

    private static final YAMLFactory YAML = new YAMLFactory();

    private final Map<String, Integer> lines;

    private YamlLocations(Map<String, Integer> lines) {
        this.lines = lines;
    }

    static YamlLocations of(String yaml) throws IOException {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser parser = YAML.createParser(yaml)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                String pointer = parser.getParsingContext().pathAsPointer().toString();
                lines.putIfAbsent(pointer, parser.currentTokenLocation().getLineNr());
            }
        }
        return new YamlLocations(lines);
    }

    /** The line of top-level {@code field} in {@code file}; 0 if the file cannot be read or has no such field. */
    static int lineOf(Path file, String field) {
        try {
            return of(Files.readString(file)).line("/" + field);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** The line of {@code pointer}, or of its nearest ancestor that has one; 0 if none. */
    int line(String pointer) {
        for (String p = pointer; ; p = p.substring(0, p.lastIndexOf('/'))) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            if (p.isEmpty()) {
                return 0;
            }
        }
    }

    /** {@code /stages/1/checks/0/namespace} as people read it: {@code stages[1].checks[0].namespace}. */
    static String field(String pointer) {
        StringBuilder field = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.chars().allMatch(Character::isDigit)) {
                field.append('[').append(part).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(part.replace("~1", "/").replace("~0", "~"));
            }
        }
        return field.toString();
    }
}
