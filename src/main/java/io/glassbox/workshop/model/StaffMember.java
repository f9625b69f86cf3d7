package io.glassbox.workshop.model;

import java.time.Instant;

/** An instructor's or assistant's account (its password hash stays in the store). */
public record StaffMember(String id, String username, Role role, Instant created) {

    public boolean isInstructor() {
        return role == Role.INSTRUCTOR;
    }
}
