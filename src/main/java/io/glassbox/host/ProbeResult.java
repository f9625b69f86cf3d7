package io.glassbox.host;

/** One capability the host probe checked: whether it works here, and what it saw. */
public record ProbeResult(String name, boolean ok, String detail) {

    public static ProbeResult ok(String name, String detail) {
        return new ProbeResult(name, true, detail);
    }

    public static ProbeResult failed(String name, String detail) {
        return new ProbeResult(name, false, detail);
    }
}
