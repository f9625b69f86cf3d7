package io.glassbox.sandbox;

/**
 * A lab host's link to "the internet": a veth pair with {@code eth0} in the lab host and {@code linkName}
 * in the outside namespace, on a /30 of its own inside 198.19.0.0/16 (part of 198.18.0.0/15, which RFC 2544
 * reserves for testing, so no real network is ever addressed).
 */
public record LabUplink(String linkName, String outsideAddress, String labAddress, int prefixLength) {

    private static final int BASE = (198 << 24) | (19 << 16);

    public static LabUplink forSlot(int slot, String labId) {
        if (slot < 0 || slot >= 16384) {
            throw new IllegalArgumentException("slot out of range: " + slot);
        }
        int subnet = BASE + slot * 4;
        return new LabUplink("lab-" + labId.substring(0, Math.min(8, labId.length())), dotted(subnet + 1),
                dotted(subnet + 2), 30);
    }

    private static String dotted(int address) {
        return ((address >>> 24) & 255) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                + (address & 255);
    }
}
