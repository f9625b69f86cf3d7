package io.glassbox.sandbox;

import java.util.BitSet;

/**
 * Hands out small integers to live lab hosts. A slot fixes a lab host's uid range and its uplink addresses,
 * so two live lab hosts never share either.
 */
public final class SlotAllocator {

    private final BitSet used = new BitSet();
    private final int capacity;

    public SlotAllocator(int capacity) {
        this.capacity = capacity;
    }

    /** The lowest free slot, or -1 when all are taken. */
    public synchronized int acquire() {
        int slot = used.nextClearBit(0);
        if (slot >= capacity) {
            return -1;
        }
        used.set(slot);
        return slot;
    }

    public synchronized void release(int slot) {
        used.clear(slot);
    }

    public synchronized int inUse() {
        return used.cardinality();
    }
}
