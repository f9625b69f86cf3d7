package io.glassbox.lesson.model;

/**
 * A common mistake a stage recognises, so a failed check can name it instead of only saying what it expected:
 * "`unshare -p` without `--fork`: the shell that ran it is still pid 1's sibling". It is matched only when the
 * stage does not pass, on what the learner typed lately and on what the stage's checks saw (lessons/README.md,
 * "Mistakes the lesson recognises").
 *
 * @param id kebab-case, unique within the stage
 * @param when what must be true for the hint to show; every condition given must hold
 * @param hint what to tell the learner (markdown)
 */
public record Mistake(String id, When when, Text hint) {

    /**
     * The conditions of a mistake. At least {@code typed} or {@code failing} is given; {@code observed} needs
     * {@code failing}.
     *
     * @param typed a regular expression (java.util.regex, found anywhere in the line) that one of the learner's
     *     recent command lines matches
     * @param failing the id of a check of the stage that must fail
     * @param observed a regular expression found in what that check observed (its English words, which are stable)
     */
    public record When(String typed, String failing, String observed) {
    }
}
