package io.glassbox.lesson.model;

import java.util.Map;
import java.util.TreeMap;

/**
 * Text in several languages, keyed by BCP 47 tag ({@code en}, {@code zh-CN}). English is required; a
 * missing translation falls back to it.
 */
public record Text(Map<String, String> byLanguage) {

    public static final String ENGLISH = "en";

    /** The languages lessons come in, and so every text a learner reads: English and Simplified Chinese. */
    public static final java.util.List<String> LANGUAGES = java.util.List.of(ENGLISH, "zh-CN");

    public Text {
        byLanguage = Map.copyOf(new TreeMap<>(byLanguage));
    }

    public static Text of(String english) {
        return new Text(Map.of(ENGLISH, english));
    }

    /** The text in {@code language}, else in its base language ({@code zh} for {@code zh-TW}), else English. */
    public String in(String language) {
        if (language != null) {
            String exact = byLanguage.get(language);
            if (exact != null) {
                return exact;
            }
            int dash = language.indexOf('-');
            String base = dash < 0 ? language : language.substring(0, dash);
            for (Map.Entry<String, String> entry : byLanguage.entrySet()) {
                if (entry.getKey().equals(base) || entry.getKey().startsWith(base + "-")) {
                    return entry.getValue();
                }
            }
        }
        return english();
    }

    public String english() {
        return byLanguage.getOrDefault(ENGLISH, "");
    }
}
