package io.glassbox.workshop.model;

import java.util.Locale;
import java.util.Optional;

/** What a staff account may do: an instructor everything, an assistant see and help in their workshops. */
public enum Role {
    INSTRUCTOR, ASSISTANT;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        for (Role role : values()) {
            if (role.wireName().equals(text)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
