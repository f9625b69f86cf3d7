package io.glassbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** The JSON control messages a {@link io.glassbox.client.TerminalClient} received, parsed for assertions. */
final class Messages {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    static JsonNode json(String message) {
        try {
            return JSON.readTree(message);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + message, e);
        }
    }

    static List<JsonNode> json(List<String> messages) {
        return messages.stream().map(Messages::json).toList();
    }
}
