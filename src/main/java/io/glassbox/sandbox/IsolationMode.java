package io.glassbox.sandbox;

import java.util.Locale;

/**
 * How strongly lab hosts are separated from the machine.
 *
 * <ul>
 *   <li>{@link #USERNS}: every lab host has its own user namespace; its root is an unprivileged uid range
 *       on the machine, distinct per session. Safe for many learners on one machine.</li>
 *   <li>{@link #PRIVILEGED}: no user namespace; the learner is the machine's real root inside the other
 *       namespaces and could undo them. Only for a single learner on a VM of their own (e.g. CentOS 7,
 *       whose kernel cannot mount overlayfs inside a user namespace).</li>
 * </ul>
 */
public enum IsolationMode {
    USERNS,
    PRIVILEGED;

    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
