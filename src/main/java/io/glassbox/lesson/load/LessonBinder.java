package io.glassbox.lesson.load;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Target;
import io.glassbox.lesson.model.Text;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns a lesson's tree, already valid against the schema, into model records: kebab-case fields, text given
 * as a string or per language, texts kept in markdown files ({@code file:stage-1.md}, next to lesson.yaml),
 * targets given as a word or a selector, checks by their {@code type}, and default check ids.
 */
final class LessonBinder {

    private static final String FILE_PREFIX = "file:";

    private final ObjectMapper mapper;

    LessonBinder(Path lessonDir) {
        SimpleModule module = new SimpleModule("glassbox-lessons");
        module.addDeserializer(Text.class, new TextDeserializer(lessonDir));
        module.addDeserializer(Target.class, new TargetDeserializer());
        module.addDeserializer(CheckSpec.class, new CheckDeserializer());
        mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .registerModule(module);
    }

    Lesson bind(JsonNode tree) throws IOException {
        assignCheckIds(tree);
        return mapper.treeToValue(tree, Lesson.class);
    }

    /** A check without an id is named after its type, numbered when a stage has several of that type. */
    private static void assignCheckIds(JsonNode tree) {
        for (JsonNode stage : tree.path("stages")) {
            Map<String, Integer> seen = new HashMap<>();
            for (JsonNode check : stage.path("checks")) {
                if (check instanceof ObjectNode object && !object.has("id")) {
                    String type = object.path("type").asText();
                    int n = seen.merge(type, 1, Integer::sum);
                    object.put("id", n == 1 ? type : type + "-" + n);
                }
            }
        }
    }

    /** "text", {en: ..., zh-CN: ...}, or "file:name.md" for either, read from the lesson's folder. */
    private static final class TextDeserializer extends JsonDeserializer<Text> {
        private final Path lessonDir;

        TextDeserializer(Path lessonDir) {
            this.lessonDir = lessonDir;
        }

        @Override
        public Text deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.isTextual()) {
                return Text.of(resolve(node.asText()));
            }
            Map<String, String> byLanguage = new LinkedHashMap<>();
            var fields = node.fields();
            while (fields.hasNext()) {
                var field = fields.next();
                byLanguage.put(field.getKey(), resolve(field.getValue().asText()));
            }
            return new Text(byLanguage);
        }

        private String resolve(String text) throws IOException {
            if (!text.startsWith(FILE_PREFIX)) {
                return text;
            }
            String name = text.substring(FILE_PREFIX.length()).strip();
            Path file = lessonDir.resolve(name).normalize();
            if (name.isEmpty() || !file.startsWith(lessonDir) || !Files.isRegularFile(file)) {
                throw new IOException("no file " + name + " in the lesson's folder (" + text + ")");
            }
            return Files.readString(file);
        }
    }

    /** "shell", "lab-host", {process: httpd} or {cmdline: "sleep 1000"}. */
    private static final class TargetDeserializer extends JsonDeserializer<Target> {
        @Override
        public Target deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.isTextual()) {
                return node.asText().equals("lab-host") ? Target.LAB_HOST : Target.SHELL;
            }
            if (node.has("process")) {
                return new Target(Target.Kind.PROCESS, node.get("process").asText());
            }
            return new Target(Target.Kind.CMDLINE, node.path("cmdline").asText());
        }
    }

    /** Picks the record for a check by its {@code type}. */
    private static final class CheckDeserializer extends JsonDeserializer<CheckSpec> {
        @Override
        public CheckSpec deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            Class<? extends CheckSpec> type = CheckSpec.TYPES.get(node.path("type").asText());
            if (type == null) {
                throw new IOException("unknown check type '" + node.path("type").asText() + "'");
            }
            return parser.getCodec().treeToValue(node, type);
        }
    }
}
