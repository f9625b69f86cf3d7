package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NeighbourTableTest {

    /** /proc/net/stat/arp_cache on 6.18 with two CPUs, 20,002 entries (0x4e22). */
    static final String ARP_CACHE = """
            entries  allocs   destroys hash_grows lookups  hits     res_failed rcv_probes_mcast rcv_probes_ucast periodic_gc_runs forced_gc_runs unresolved_discards table_fulls
            00004e22 000000d0 00000103 00000001   00001991 00000086 00000000   00000000         00000000         0000049b         00000000       00000000            00000000
            00004e22 00000162 0000012d 00000000   00001b54 0000014c 00000000   00000000         00000000         00000000         00000000       00000000            00000000
            """;

    @TempDir
    Path proc;

    @Test
    void entriesAreTheFirstHexColumnOfEitherFamily() throws Exception {
        assertThat(NeighbourTable.parseEntries(ARP_CACHE)).isEqualTo(20_002);
        Files.createDirectories(proc.resolve("net/stat"));
        Files.writeString(proc.resolve("net/stat/arp_cache"), ARP_CACHE);
        assertThat(new NeighbourTable(proc).entries()).as("no ndisc_cache: IPv6 off").isEqualTo(20_002);
        Files.writeString(proc.resolve("net/stat/ndisc_cache"), ARP_CACHE.replace("00004e22", "00000004"));
        assertThat(new NeighbourTable(proc).entries()).isEqualTo(20_006);
        assertThatThrownBy(() -> NeighbourTable.parseEntries("IpExt: x\n1 2\n")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makeRoomRaisesBothThresholdsOfBothFamiliesAndNeverLowers() throws Exception {
        thresholds("ipv4", 512, 1024);
        thresholds("ipv6", 9000, 20000); // Someone set these higher already.

        assertThat(new NeighbourTable(proc).makeRoom(16, 256)).containsExactly(
                "net.ipv4.neigh.default.gc_thresh3: 1024 -> 5120", "net.ipv4.neigh.default.gc_thresh2: 512 -> 4608");

        assertThat(read("ipv4", "gc_thresh2")).isEqualTo("4608");
        assertThat(read("ipv4", "gc_thresh3")).isEqualTo("5120");
        assertThat(read("ipv6", "gc_thresh2")).isEqualTo("9000");
        assertThat(read("ipv6", "gc_thresh3")).isEqualTo("20000");
        assertThat(new NeighbourTable(proc).makeRoom(16, 256)).as("a second start changes nothing").isEmpty();
    }

    private void thresholds(String family, int thresh2, int thresh3) throws Exception {
        Path dir = Files.createDirectories(proc.resolve("sys/net").resolve(family).resolve("neigh/default"));
        Files.writeString(dir.resolve("gc_thresh2"), thresh2 + "\n");
        Files.writeString(dir.resolve("gc_thresh3"), thresh3 + "\n");
    }

    private String read(String family, String key) throws Exception {
        return Files.readString(proc.resolve("sys/net").resolve(family).resolve("neigh/default").resolve(key)).trim();
    }
}
