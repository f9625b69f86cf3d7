package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlotAllocatorTest {

    @Test
    void handsOutTheLowestFreeSlotUpToCapacity() {
        SlotAllocator slots = new SlotAllocator(3);
        assertThat(slots.acquire()).isZero();
        assertThat(slots.acquire()).isEqualTo(1);
        assertThat(slots.acquire()).isEqualTo(2);
        assertThat(slots.acquire()).isEqualTo(-1);
        slots.release(1);
        assertThat(slots.inUse()).isEqualTo(2);
        assertThat(slots.acquire()).isEqualTo(1);
    }
}
