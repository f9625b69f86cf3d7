package io.glassbox.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcessStatTest {

    @Test
    void parsesAnInteractiveShell() {
        ProcessStat stat = ProcessStat.parse("4290 (bash) S 4288 4290 4290 34816 4301 4194560 1234 0 0 0 1 2 0 0 20 0 1 0 "
                + "987654 8392704 1210 18446744073709551615 1 1 0 0 0 0 65536 3686404 1266761467 0 0 0 17 1 0 0 0 0 0");
        assertThat(stat.pid()).isEqualTo(4290);
        assertThat(stat.comm()).isEqualTo("bash");
        assertThat(stat.state()).isEqualTo('S');
        assertThat(stat.ppid()).isEqualTo(4288);
        assertThat(stat.session()).isEqualTo(4290);
        assertThat(stat.ttyNr()).isEqualTo(34816);
        assertThat(stat.tpgid()).isEqualTo(4301);
        assertThat(stat.startTime()).isEqualTo(987654);
    }

    @Test
    void commandNamesMayHoldSpacesAndParentheses() {
        ProcessStat stat = ProcessStat.parse("77 (my (weird) prog) Z 1 77 77 0 -1 4194304 0 0 0 0 0 0 0 0 20 0 1 0 555 0 0");
        assertThat(stat.comm()).isEqualTo("my (weird) prog");
        assertThat(stat.isZombie()).isTrue();
        assertThat(stat.tpgid()).isEqualTo(-1);
        assertThat(stat.startTime()).isEqualTo(555);
    }

    @Test
    void rejectsWhatIsNotAStatLine() {
        assertThatThrownBy(() -> ProcessStat.parse("hello")).isInstanceOf(IllegalArgumentException.class);
    }
}
