package io.glassbox.lesson.check;

import io.glassbox.lesson.model.Mistake;
import io.glassbox.lesson.model.Stage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Decides which of a stage's mistakes the learner made: only for a stage that did not pass, and only when every
 * condition a mistake gives holds: a recent command line matches {@code typed}, the check {@code failing} names
 * failed, and what it observed matches {@code observed}. The recent lines are read only if a mistake asks for
 * them, since reading them starts a process.
 */
public final class MistakeMatcher {

    private MistakeMatcher() {
    }

    /** The mistakes of {@code stage} that {@code results} and the recent lines show, in the lesson's order. */
    public static List<Mistake> matching(Stage stage, List<CheckResult> results, Supplier<List<String>> recentLines) {
        if (stage.mistakes().isEmpty() || results.stream().allMatch(CheckResult::passed)) {
            return List.of();
        }
        List<String> lines = null;
        List<Mistake> found = new ArrayList<>();
        for (Mistake mistake : stage.mistakes()) {
            Mistake.When when = mistake.when();
            if (when.failing() != null && !failedAsDescribed(results, when)) {
                continue;
            }
            if (when.typed() != null) {
                if (lines == null) {
                    lines = recentLines.get();
                }
                if (!typed(lines, when.typed())) {
                    continue;
                }
            }
            found.add(mistake);
        }
        return found;
    }

    /** The check named by {@code failing} failed, and its observation matches {@code observed} if given. */
    static boolean failedAsDescribed(List<CheckResult> results, Mistake.When when) {
        Optional<CheckResult> check = results.stream().filter(r -> r.id().equals(when.failing())).findFirst();
        return check.isPresent() && !check.get().passed()
                && (when.observed() == null || Pattern.compile(when.observed()).matcher(check.get().observed()).find());
    }

    /** Some line contains a match of {@code regex}. */
    static boolean typed(List<String> lines, String regex) {
        Pattern pattern = Pattern.compile(regex);
        return lines.stream().anyMatch(line -> pattern.matcher(line).find());
    }
}
