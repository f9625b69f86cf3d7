package io.glassbox.session;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MemoryGuardTest {

    private static final long MIB = 1024 * 1024;

    @Test
    void admitsWhileTheCapAndTheReserveFit() {
        assertThatCode(() -> new MemoryGuard(() -> 768 * MIB, 512 * MIB, 256 * MIB).admit()).doesNotThrowAnyException();
    }

    @Test
    void refusesWithTheFiguresAndWhatToDo() {
        assertThatThrownBy(() -> new MemoryGuard(() -> 767 * MIB, 512 * MIB, 256 * MIB).admit())
                .isInstanceOf(SessionException.class)
                .hasMessage("The machine is low on memory: 767 MiB available, and a new lab host may use up to 512 MiB"
                        + " while 256 MiB stay reserved for the system. Try again when other sessions have ended, or"
                        + " ask the instructor to give the machine more memory or lower glassbox.sandbox.memory.");
    }

    @Test
    void unknownMemoryNeverRefuses() {
        assertThatCode(() -> new MemoryGuard(() -> -1, 512 * MIB, 256 * MIB).admit()).doesNotThrowAnyException();
        assertThatCode(() -> MemoryGuard.none().admit()).doesNotThrowAnyException();
    }
}
