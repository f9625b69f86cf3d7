package io.glassbox.lesson.check;

/**
 * The outcome of one check, in both languages lessons come in.
 *
 * @param expecting what the check wanted, as a phrase ("a UTS namespace different from the lab host's")
 * @param seeing what it saw ("the shell is still in the lab host's (uts:[4026531838])")
 */
public record CheckResult(String id, boolean passed, Phrase expecting, Phrase seeing) {

    public static CheckResult pass(String id, Phrase expected, Phrase observed) {
        return new CheckResult(id, true, expected, observed);
    }

    public static CheckResult fail(String id, Phrase expected, Phrase observed) {
        return new CheckResult(id, false, expected, observed);
    }

    /** What the check wanted, in English. */
    public String expected() {
        return expecting.en();
    }

    /** What it saw, in English. */
    public String observed() {
        return seeing.en();
    }

    /** One sentence for the learner, in English. */
    public String message() {
        return message("en");
    }

    public String expected(String language) {
        return expecting.in(language);
    }

    public String observed(String language) {
        return seeing.in(language);
    }

    /** One sentence for the learner in {@code language}. */
    public String message(String language) {
        if (Phrase.isChinese(language)) {
            return passed ? expecting.zh() + "：" + seeing.zh()
                    : Phrase.joinChinese("期望", expecting.zh()) + "；" + seeing.zh();
        }
        return passed ? expecting.en() + ": " + seeing.en() : "expected " + expecting.en() + "; " + seeing.en();
    }
}
