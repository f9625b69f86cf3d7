package io.glassbox.lesson.check;

/**
 * The outcome of one check.
 *
 * @param expected what the check wanted, as a phrase ("a UTS namespace different from the lab host's")
 * @param observed what it saw ("the shell is still in the lab host's (uts:[4026531838])")
 */
public record CheckResult(String id, boolean passed, String expected, String observed) {

    public static CheckResult pass(String id, String expected, String observed) {
        return new CheckResult(id, true, expected, observed);
    }

    public static CheckResult fail(String id, String expected, String observed) {
        return new CheckResult(id, false, expected, observed);
    }

    /** One sentence for the learner. */
    public String message() {
        return passed ? expected + ": " + observed : "expected " + expected + "; " + observed;
    }
}
