package io.glassbox.kernel.mount;

/** Mount propagation types (man 7 mount_namespaces), read from the optional fields of mountinfo. */
public enum Propagation {
    /** Events propagate both ways within a peer group ({@code shared:N}). */
    SHARED,
    /** Receives events from a master peer group but sends none ({@code master:N} without {@code shared:}). */
    SLAVE,
    /** Neither sends nor receives events: no optional field. */
    PRIVATE,
    /** Private, and cannot be the source of a bind mount. */
    UNBINDABLE
}
