package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.lesson.model.Mistake;
import io.glassbox.lesson.model.Stage;
import io.glassbox.lesson.model.Text;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class MistakeMatcherTest {

    /** Lesson 03's regular expression: unshare with --pid (or -p in a cluster of short options) and no --fork. */
    private static final String PID_WITHOUT_FORK =
            "\\bunshare\\b(?=.*(--pid\\b|\\s-[a-zA-Z]*p))(?!.*(--fork\\b|\\s-[a-zA-Z]*f))";

    private static final Mistake NO_FORK = new Mistake("pid-without-fork",
            new Mistake.When(PID_WITHOUT_FORK, "pid", null), Text.of("Add --fork."));
    private static final Mistake IN_LAB_HOST = new Mistake("still-in-lab-host",
            new Mistake.When(null, "pid", "lab host's PID namespace"), Text.of("Start a new one."));
    private static final Stage STAGE = new Stage("new-pid-namespace", Text.of("t"), Text.of("i"), List.of(Text.of("h")),
            "unshare --pid --fork bash\n", List.of(), List.of(NO_FORK, IN_LAB_HOST));

    private static CheckResult pid(boolean passed, String observed) {
        return new CheckResult("pid", passed, Phrase.literal("pid 1"), Phrase.literal(observed));
    }

    @Test
    void theTypedRegexSeesFlagsSpelledEveryWay() {
        assertThat(MistakeMatcher.typed(List.of("unshare -p bash"), PID_WITHOUT_FORK)).isTrue();
        assertThat(MistakeMatcher.typed(List.of("unshare --pid --mount-proc bash"), PID_WITHOUT_FORK)).isTrue();
        assertThat(MistakeMatcher.typed(List.of("sudo unshare -mp bash"), PID_WITHOUT_FORK)).isTrue();
        assertThat(MistakeMatcher.typed(List.of("unshare -pf bash"), PID_WITHOUT_FORK)).isFalse();
        assertThat(MistakeMatcher.typed(List.of("unshare --pid --fork --mount-proc bash"), PID_WITHOUT_FORK)).isFalse();
        assertThat(MistakeMatcher.typed(List.of("unshare --uts bash", "ps -ef"), PID_WITHOUT_FORK)).isFalse();
    }

    @Test
    void aMistakeNeedsEveryConditionItGives() {
        var seen = MistakeMatcher.matching(STAGE, List.of(pid(false, "the shell is pid 812 in the lab host's PID namespace")),
                () -> List.of("ls", "unshare -p bash"));
        assertThat(seen).containsExactly(NO_FORK, IN_LAB_HOST);
        var fixed = MistakeMatcher.matching(STAGE, List.of(pid(false, "the shell is pid 2 in its own PID namespace")),
                () -> List.of("unshare --pid --fork bash"));
        assertThat(fixed).isEmpty();
    }

    @Test
    void aPassingStageNamesNoMistakeAndReadsNoHistory() {
        AtomicInteger reads = new AtomicInteger();
        var seen = MistakeMatcher.matching(STAGE, List.of(pid(true, "the shell is pid 1 in its own PID namespace")), () -> {
            reads.incrementAndGet();
            return List.of("unshare -p bash");
        });
        assertThat(seen).isEmpty();
        assertThat(reads).hasValue(0);
    }

    @Test
    void historyIsReadOnceAndOnlyWhenAMistakeAsksForIt() {
        AtomicInteger reads = new AtomicInteger();
        Mistake other = new Mistake("other", new Mistake.When("unshare", null, null), Text.of("x"));
        Stage stage = new Stage("s", Text.of("t"), Text.of("i"), List.of(Text.of("h")), "true\n", List.of(),
                List.of(NO_FORK, other, IN_LAB_HOST));
        MistakeMatcher.matching(stage, List.of(pid(false, "x")), () -> {
            reads.incrementAndGet();
            return List.of();
        });
        assertThat(reads).hasValue(1);
        Stage stateOnly = new Stage("s", Text.of("t"), Text.of("i"), List.of(Text.of("h")), "true\n", List.of(),
                List.of(IN_LAB_HOST));
        MistakeMatcher.matching(stateOnly, List.of(pid(false, "x")), () -> {
            reads.incrementAndGet();
            return List.of();
        });
        assertThat(reads).hasValue(1);
    }

    @Test
    void historyLinesSkipTimestampsAndBlanks() {
        assertThat(RecentCommands.lines("#1700000000\nunshare -p bash\n\n  ps -ef  \n"))
                .containsExactly("unshare -p bash", "ps -ef");
    }
}
