package io.glassbox.session;

import io.glassbox.lesson.check.CheckResult;
import io.glassbox.lesson.model.Mistake;
import io.glassbox.lesson.model.Text;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a learner sees after a check, in their language: the stage checked, each check's result, the mistakes the
 * stage recognised, and where the lesson stands now. Sent as the answer to POST /api/sessions/{id}/check and
 * pushed as {@code {"type":"check",...}} (docs/lesson-api.md).
 *
 * @param language the language of the words: expected, observed, message and the mistakes' hints
 * @param nextStage the stage the session moved on to when this one passed, else null
 */
public record StageReport(String language, String lesson, String stage, boolean passed, List<Result> results,
        String nextStage, boolean lessonDone, List<String> passedStages, boolean auto) {

    /**
     * One check's result, with the sentence the page shows, the mistakes that explain its failure, and the same
     * words in every language lessons come in (a page that switches language redraws them without checking
     * again, and one push serves windows that show different languages).
     */
    public record Result(String id, boolean passed, String expected, String observed, String message,
            List<MistakeHint> mistakes, Map<String, Words> translations) {
    }

    /** The words of a result in one language. */
    public record Words(String expected, String observed, String message, List<MistakeHint> mistakes) {
    }

    /** A mistake the stage recognised (lesson.yaml {@code mistakes}), with its hint (markdown). */
    public record MistakeHint(String id, String hint) {
    }

    static StageReport of(CheckedStage checked, String language) {
        List<Result> results = new ArrayList<>();
        for (CheckResult result : checked.result().results()) {
            List<Mistake> mistakes = explaining(checked, result);
            Map<String, Words> translations = new LinkedHashMap<>();
            for (String each : Text.LANGUAGES) {
                translations.put(each, new Words(result.expected(each), result.observed(each), result.message(each),
                        hints(mistakes, each)));
            }
            results.add(new Result(result.id(), result.passed(), result.expected(language), result.observed(language),
                    result.message(language), hints(mistakes, language), translations));
        }
        return new StageReport(language, checked.lesson(), checked.result().stageId(), checked.result().passed(),
                results, checked.nextStage(), checked.lessonDone(), checked.passedStages(), checked.auto());
    }

    /**
     * The recognised mistakes shown with {@code result}: those whose {@code failing} names it, and those that name
     * no check with the first failed check, so each mistake is shown once, beside a failure.
     */
    private static List<Mistake> explaining(CheckedStage checked, CheckResult result) {
        if (result.passed()) {
            return List.of();
        }
        String firstFailed = checked.result().results().stream().filter(r -> !r.passed()).map(CheckResult::id)
                .findFirst().orElse(null);
        return checked.result().mistakes().stream().filter(m -> m.when().failing() != null
                ? m.when().failing().equals(result.id()) : result.id().equals(firstFailed)).toList();
    }

    private static List<MistakeHint> hints(List<Mistake> mistakes, String language) {
        return mistakes.stream().map(m -> new MistakeHint(m.id(), m.hint().in(language))).toList();
    }
}
