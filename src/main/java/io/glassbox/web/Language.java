package io.glassbox.web;

import java.util.List;
import java.util.Locale;

/**
 * The language lesson texts are served in: {@code ?lang=} when given, else the best match for the browser's
 * Accept-Language among the languages lessons come in, else English.
 */
final class Language {

    static final List<String> SUPPORTED = List.of("en", "zh-CN");

    private Language() {
    }

    static String pick(String requested, String acceptLanguage) {
        if (requested != null && !requested.isBlank()) {
            return match(requested).orElse("en");
        }
        if (acceptLanguage != null) {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(acceptLanguage)) {
                var match = match(range.getRange());
                if (match.isPresent()) {
                    return match.get();
                }
            }
        }
        return "en";
    }

    private static java.util.Optional<String> match(String tag) {
        String lower = tag.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("zh")) {
            // Simplified Chinese is what lessons come in; Taiwanese and Hong Kong readers get it too.
            return java.util.Optional.of("zh-CN");
        }
        if (lower.startsWith("en")) {
            return java.util.Optional.of("en");
        }
        return java.util.Optional.empty();
    }
}
