package io.glassbox.workshop;

import io.glassbox.workshop.model.Learner;
import io.glassbox.workshop.model.Workshop;
import io.glassbox.workshop.model.WorkshopState;
import io.glassbox.workshop.store.LearnerStore;
import io.glassbox.workshop.store.StoreException;
import io.glassbox.workshop.store.WorkshopStore;
import java.time.Clock;
import java.time.format.DateTimeFormatter;

/**
 * Learners join a workshop with a display name and no password. They get a learner key, {@code <id>.<secret>},
 * kept in a cookie and shown as a resume code to carry to another device; the database keeps only its hash.
 */
public final class Learners {

    private static final int MAX_NAME = 40;

    private final LearnerStore store;
    private final WorkshopStore workshops;
    private final Clock clock;

    public Learners(LearnerStore store, WorkshopStore workshops, Clock clock) {
        this.store = store;
        this.workshops = workshops;
        this.clock = clock;
    }

    /** A learner with their workshop; {@code key} is their learner key when just issued, else null. */
    public record Signed(Learner learner, Workshop workshop, String key) {
    }

    public Signed join(String code, String name) {
        Workshop workshop = workshops.byCode(code == null ? "" : code.strip().toUpperCase())
                .orElseThrow(() -> new WorkshopException(WorkshopException.Reason.WORKSHOP_NOT_FOUND, "There is no"
                        + " workshop with the code \"" + code + "\". Check the link or code your instructor shared."));
        requireOpen(workshop);
        String clean = name == null ? "" : name.strip().replaceAll("\\s+", " ");
        if (clean.isEmpty() || clean.length() > MAX_NAME || clean.chars().anyMatch(Character::isISOControl)) {
            throw new WorkshopException(WorkshopException.Reason.INVALID,
                    "A display name has 1 to " + MAX_NAME + " characters, e.g. \"Ada L.\".");
        }
        if (store.nameTaken(workshop.id(), clean)) {
            throw nameTaken(clean);
        }
        String secret = Secrets.newSecret();
        Learner learner = new Learner(Secrets.newId(), workshop.id(), clean, clock.instant(), clock.instant(), null,
                null, null);
        try {
            store.insert(learner, Secrets.sha256(secret));
        } catch (StoreException e) {
            if (e.isConstraintViolation()) {
                throw nameTaken(clean); // two joined with the same name at the same moment
            }
            throw e;
        }
        return new Signed(learner, workshop, learner.id() + "." + secret);
    }

    /** The learner a key belongs to, with their workshop, which must not have ended. */
    public Signed authenticate(String key) {
        if (key == null || key.isBlank()) {
            throw new WorkshopException(WorkshopException.Reason.LEARNER_KEY_MISSING,
                    "You have not joined a workshop on this device: open your workshop's join link, or paste your"
                            + " resume code.");
        }
        String[] parts = Secrets.split(key);
        Learner learner = parts == null ? null : store.byId(parts[0]).orElse(null);
        String hash = learner == null ? null : store.secretHash(learner.id()).orElse(null);
        if (hash == null || !Secrets.matches(hash, parts[1])) {
            throw new WorkshopException(WorkshopException.Reason.LEARNER_KEY_UNKNOWN,
                    "This learner key or resume code is not known here (mistyped, or its workshop was deleted)."
                            + " Join again with your workshop's link.");
        }
        Workshop workshop = workshops.byId(learner.workshopId()).orElseThrow();
        requireOpen(workshop);
        return new Signed(learner, workshop, null);
    }

    public Learner get(Workshop workshop, String learnerId) {
        return store.byId(learnerId).filter(l -> l.workshopId().equals(workshop.id()))
                .orElseThrow(() -> new WorkshopException(WorkshopException.Reason.LEARNER_NOT_FOUND,
                        "Workshop " + workshop.title() + " has no learner " + learnerId + "."));
    }

    private void requireOpen(Workshop workshop) {
        if (workshop.state(clock.instant()) == WorkshopState.ENDED) {
            throw new WorkshopException(WorkshopException.Reason.WORKSHOP_ENDED, "The workshop \"" + workshop.title()
                    + "\" ended at " + DateTimeFormatter.ISO_INSTANT.format(workshop.endTime()) + " (UTC); its lab hosts"
                    + " are closed. The lessons stay open to everyone at / as a free session.");
        }
    }

    private static WorkshopException nameTaken(String name) {
        return new WorkshopException(WorkshopException.Reason.NAME_TAKEN, "Someone in this workshop is called \""
                + name + "\" already. Pick another name, or, if that is you on another device, use your resume code.");
    }
}
