package io.glassbox.web;

import jakarta.ws.rs.core.NewCookie;
import java.time.Duration;

/**
 * The two cookies of workshops. Both are HttpOnly (page scripts never see the secret); the staff cookie is
 * SameSite=Strict (no other site can make a signed-in instructor's browser act), the learner's Lax so a
 * shared join or resume link opened from a chat still finds the learner signed in.
 */
final class Cookies {

    static final String STAFF = "glassbox_staff";
    static final String LEARNER = "glassbox_learner";
    static final Duration LEARNER_LIFETIME = Duration.ofDays(90);

    private Cookies() {
    }

    static NewCookie staff(String value, Duration lifetime) {
        return cookie(STAFF, value, lifetime, NewCookie.SameSite.STRICT);
    }

    static NewCookie learner(String value) {
        return cookie(LEARNER, value, LEARNER_LIFETIME, NewCookie.SameSite.LAX);
    }

    /** Tells the browser to forget {@code name}. */
    static NewCookie cleared(String name) {
        return cookie(name, "", Duration.ZERO, NewCookie.SameSite.LAX);
    }

    private static NewCookie cookie(String name, String value, Duration lifetime, NewCookie.SameSite sameSite) {
        return new NewCookie.Builder(name).value(value).path("/").httpOnly(true).sameSite(sameSite)
                .maxAge((int) lifetime.toSeconds()).build();
    }
}
