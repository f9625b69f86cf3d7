package io.glassbox.lesson.check;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects the parts of a check with several fields (an interface that must be a veth, up and addressed) into
 * one result: the expected phrase names the subject and every wanted property; the observed phrase says what
 * was seen, listing only what is wrong when something is, so the learner reads what to fix first.
 */
final class Verdict {

    private static final Phrase COLON = Phrase.of(": ", "：");
    private static final Phrase COMMA = Phrase.of(", ", "，");
    private static final Phrase SEMICOLON = Phrase.of("; ", "；");

    private final Phrase subject;
    private final List<Phrase> wanted = new ArrayList<>();
    private final List<Phrase> good = new ArrayList<>();
    private final List<Phrase> bad = new ArrayList<>();

    /** {@code subject}: what the check is about, e.g. "an interface veth0 in the shell's network namespace". */
    Verdict(Phrase subject) {
        this.subject = subject;
    }

    /** One wanted property, whether it holds, and what was seen (null: nothing worth saying). */
    Verdict require(Phrase property, boolean holds, Phrase observed) {
        wanted.add(property);
        see(holds, observed);
        return this;
    }

    /** A wanted property that could not be looked at because a precondition failed. */
    Verdict want(Phrase property) {
        wanted.add(property);
        return this;
    }

    /** Something that must hold before the properties mean anything (the interface exists at all). */
    Verdict precondition(boolean holds, Phrase observed) {
        see(holds, observed);
        return this;
    }

    /** Records an observation once: two properties may be explained by the same fact. */
    private void see(boolean holds, Phrase observed) {
        List<Phrase> list = holds ? good : bad;
        if (observed != null && !observed.isEmpty() && !list.contains(observed)) {
            list.add(observed);
        }
    }

    boolean failed() {
        return !bad.isEmpty();
    }

    /** The wanted phrase so far, without the observations. */
    Phrase expected() {
        return wanted.isEmpty() ? subject : subject.plus(COLON).plus(Phrase.join(COMMA, wanted));
    }

    CheckResult result(String id) {
        return failed() ? CheckResult.fail(id, expected(), Phrase.join(SEMICOLON, bad))
                : CheckResult.pass(id, expected(), good.isEmpty() ? Phrase.of("as expected", "符合期望")
                        : Phrase.join(SEMICOLON, good));
    }
}
