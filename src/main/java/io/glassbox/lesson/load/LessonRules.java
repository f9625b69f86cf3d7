package io.glassbox.lesson.load;

import io.glassbox.lesson.model.CheckSpec;
import io.glassbox.lesson.model.Lesson;
import io.glassbox.lesson.model.Mistake;
import io.glassbox.lesson.model.Stage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a lesson must satisfy beyond its schema, as an ordered list of small named rules (in the manner of
 * runc's config validator). Each rule reports problems by JSON pointer so the parser can give their lines.
 */
final class LessonRules {

    /** A rule: looks at the lesson (and the name of its folder) and reports (pointer, message) problems. */
    interface Rule {
        void check(Lesson lesson, String folder, BiConsumer<String, String> problem);
    }

    static final List<Rule> RULES = List.of(
            LessonRules::idMatchesFolder,
            LessonRules::stageIdsAreUnique,
            LessonRules::checkIdsAreUniqueWithinAStage,
            LessonRules::solveScriptsEndEveryLine,
            LessonRules::mistakesAreWellFormed);

    private LessonRules() {
    }

    static List<LessonSchema.Violation> check(Lesson lesson, String folder) {
        List<LessonSchema.Violation> problems = new ArrayList<>();
        for (Rule rule : RULES) {
            rule.check(lesson, folder, (pointer, message) -> problems.add(new LessonSchema.Violation(pointer, message)));
        }
        return problems;
    }

    static void idMatchesFolder(Lesson lesson, String folder, BiConsumer<String, String> problem) {
        if (!lesson.id().equals(folder)) {
            problem.accept("/id", "the id '" + lesson.id() + "' must be the folder's name, '" + folder + "'");
        }
    }

    static void stageIdsAreUnique(Lesson lesson, String folder, BiConsumer<String, String> problem) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < lesson.stages().size(); i++) {
            if (!seen.add(lesson.stages().get(i).id())) {
                problem.accept("/stages/" + i + "/id", "another stage already has the id '" + lesson.stages().get(i).id() + "'");
            }
        }
    }

    static void checkIdsAreUniqueWithinAStage(Lesson lesson, String folder, BiConsumer<String, String> problem) {
        for (int i = 0; i < lesson.stages().size(); i++) {
            Stage stage = lesson.stages().get(i);
            Set<String> seen = new HashSet<>();
            for (int j = 0; j < stage.checks().size(); j++) {
                CheckSpec check = stage.checks().get(j);
                if (!seen.add(check.id())) {
                    problem.accept("/stages/" + i + "/checks/" + j + "/id",
                            "another check of stage '" + stage.id() + "' already has the id '" + check.id() + "'");
                }
            }
        }
    }

    /** "Show me" types the solve script; a line-continuation backslash at the very end would never run. */
    static void solveScriptsEndEveryLine(Lesson lesson, String folder, BiConsumer<String, String> problem) {
        for (int i = 0; i < lesson.stages().size(); i++) {
            if (lesson.stages().get(i).solve().stripTrailing().endsWith("\\")) {
                problem.accept("/stages/" + i + "/solve", "the last line ends with a backslash, so it would never run");
            }
        }
    }

    /**
     * A stage's mistakes: ids unique within it, the check {@code failing} names is one of the stage's, and the
     * regular expressions compile (the schema already requires {@code typed} or {@code failing}, and {@code
     * failing} with {@code observed}).
     */
    static void mistakesAreWellFormed(Lesson lesson, String folder, BiConsumer<String, String> problem) {
        for (int i = 0; i < lesson.stages().size(); i++) {
            Stage stage = lesson.stages().get(i);
            Set<String> seen = new HashSet<>();
            Set<String> checkIds = new HashSet<>();
            stage.checks().forEach(check -> checkIds.add(check.id()));
            for (int j = 0; j < stage.mistakes().size(); j++) {
                Mistake mistake = stage.mistakes().get(j);
                String at = "/stages/" + i + "/mistakes/" + j;
                if (!seen.add(mistake.id())) {
                    problem.accept(at + "/id", "another mistake of stage '" + stage.id() + "' already has the id '"
                            + mistake.id() + "'");
                }
                Mistake.When when = mistake.when();
                if (when.failing() != null && !checkIds.contains(when.failing())) {
                    problem.accept(at + "/when/failing", "stage '" + stage.id() + "' has no check '" + when.failing()
                            + "' (its checks: " + String.join(", ", stage.checks().stream().map(CheckSpec::id).toList())
                            + "; a check without an id is named after its type)");
                }
                regex(when.typed(), at + "/when/typed", problem);
                regex(when.observed(), at + "/when/observed", problem);
            }
        }
    }

    private static void regex(String regex, String pointer, BiConsumer<String, String> problem) {
        if (regex == null) {
            return;
        }
        try {
            Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            problem.accept(pointer, "not a valid regular expression (java.util.regex): " + e.getDescription()
                    + " near index " + e.getIndex() + " of " + regex);
        }
    }
}
