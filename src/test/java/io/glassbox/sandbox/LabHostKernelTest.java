package io.glassbox.sandbox;

import static io.glassbox.testing.KernelTests.COMMANDS;
import static io.glassbox.testing.KernelTests.PROC;
import static io.glassbox.testing.KernelTests.backgroundThread;
import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.CommandResult;
import io.glassbox.host.Niceness;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.testing.SandboxExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Real lab hosts on this machine, asserted from the machine's side. */
@Tag("kernel")
class LabHostKernelTest {

    private static final long UID_BASE = 1_600_000_000L;

    @RegisterExtension
    static final SandboxExtension LAB = new SandboxExtension(IsolationMode.USERNS, UID_BASE);

    private LabHost newHost() {
        return LAB.newHost(SessionIds.next());
    }

    private static CommandResult inLab(LabHost host, String script) {
        return COMMANDS.run(host.exec(List.of("/bin/sh", "-c", script)));
    }

    @Test
    void everyNamespaceDiffersFromTheMachines() throws IOException {
        LabHost host = newHost();
        long self = ProcessHandle.current().pid();
        for (NamespaceType type : List.of(NamespaceType.USER, NamespaceType.MNT, NamespaceType.PID, NamespaceType.UTS,
                NamespaceType.IPC, NamespaceType.NET, NamespaceType.CGROUP)) {
            assertThat(PROC.namespace(host.initPid(), type)).as(type.displayName())
                    .isNotEqualTo(PROC.namespace(self, type));
        }
        assertThat(inLab(host, "hostname").stdout().strip()).isEqualTo(host.hostname()).startsWith("lab-");
        assertThat(COMMANDS.run(List.of("hostname")).stdout().strip()).isNotEqualTo(host.hostname());
    }

    @Test
    void rootInsideIsAnUnprivilegedUidRangeOutsideDistinctPerLabHost() throws IOException {
        LabHost first = newHost();
        LabHost second = newHost();
        assertThat(PROC.uidMap(first.initPid())).singleElement()
                .satisfies(m -> assertThat(m.toMapLine()).isEqualTo("0 " + first.uidBase() + " 65536"));
        assertThat(first.uidBase()).isGreaterThanOrEqualTo(UID_BASE);
        assertThat(second.uidBase()).isNotEqualTo(first.uidBase());
        assertThat(PROC.statusField(first.initPid(), "Uid").orElseThrow()).startsWith(Long.toString(first.uidBase()));
        assertThat(inLab(first, "id -u").stdout().strip()).isEqualTo("0");
    }

    @Test
    void learnerProcessesRunUnderNoNewPrivsAndASeccompFilterThatKeepsTheLessonsWorking() {
        Confinement confinement = LAB.sandbox().confinement();
        assertThat(confinement.enabled()).as("python3-seccomp is installed (ci/os-packages.sh runtime)").isTrue();
        assertThat(confinement.describe()).as("perl (perl-base) applies the filter compiled at start").endsWith("applied by perl");
        LabHost host = newHost();
        assertThat(inLab(host, "grep -E '^(NoNewPrivs|Seccomp):' /proc/1/status").stdout())
                .as("the lab's init").containsPattern("NoNewPrivs:\\s+1").containsPattern("Seccomp:\\s+2");
        assertConfined(host, confinement);
        // Where perl is missing, python3 compiles and applies the same filter at every start.
        assertConfined(host, Confinement.seccomp());
    }

    private static void assertConfined(LabHost host, Confinement confinement) {
        String probe = "import ctypes, os\n"
                + "libc = ctypes.CDLL(None, use_errno=True)\n"
                + "for name, nr in (('bpf', 321), ('keyctl', 250), ('perf_event_open', 298), ('io_uring_setup', 425)):\n"
                + "    print(name, libc.syscall(nr, 0, 0, 0, 0, 0) == -1 and ctypes.get_errno() == 1)\n";
        CommandResult shell = COMMANDS.run(host.exec(confinement.wrap(List.of("/bin/sh", "-c",
                "grep -E '^(NoNewPrivs|Seccomp):' /proc/self/status; /usr/bin/python3 -c \"$0\";"
                        + " unshare --mount --uts --net --pid --fork sh -c 'mount -t tmpfs t /mnt && hostname box1"
                        + " && echo lessons-still-work'", probe))));
        assertThat(shell.stdout()).containsPattern("NoNewPrivs:\\s+1").containsPattern("Seccomp:\\s+2")
                .contains("bpf True", "keyctl True", "perf_event_open True", "io_uring_setup True")
                .contains("lessons-still-work");
    }

    @Test
    void aLoginShellStartsInItsHomeAndStillStartsWhereTheHomeIsGone() {
        LabHost host = newHost();
        for (Confinement confinement : List.of(LAB.sandbox().confinement(), Confinement.seccomp(), Confinement.none())) {
            String loader = confinement.enabled() ? confinement.describe() : "no filter";
            CommandResult home = COMMANDS.run(host.exec(confinement.wrapIn("/root", List.of("/bin/pwd"))));
            assertThat(home.stdout().strip()).as(loader).isEqualTo("/root");
            assertThat(home.stderr()).as(loader).isEmpty();
            CommandResult gone = COMMANDS.run(host.exec(confinement.wrapIn("/no-such-home", List.of("/bin/pwd"))));
            assertThat(gone.exitCode()).as(loader).isZero();
            assertThat(gone.stdout().strip()).as(loader).isEqualTo("/");
            assertThat(gone.stderr()).as(loader).contains("/no-such-home");
        }
    }

    @Test
    void aLabHostStartedByABackgroundThreadRunsAtTheDefaultPriority() throws Exception {
        ExecutorService background = backgroundThread();
        try {
            LabHost host = CompletableFuture.supplyAsync(this::newHost, background).get();
            String server = Niceness.SERVER + " ";
            assertThat(inLab(host, "ps -eo ni=,comm=").stdout().lines().map(String::strip))
                    .as("init, tini's child and the shell: at the server's priority, not the warm pool's")
                    .contains(server + "tini", server + "sleep").allSatisfy(line -> assertThat(line).startsWith(server));
        } finally {
            background.shutdownNow();
        }
    }

    @Test
    void initIsTiniReapingOrphansAndTheMachinesProcessesAreInvisible() {
        LabHost host = newHost();
        String ps = inLab(host, "ps -eo pid=,comm=").stdout();
        assertThat(ps).contains("1 tini");
        assertThat(ps.lines().count()).isLessThan(8);
        assertThat(ps).doesNotContain("java");
        // An orphan (double fork) is reparented to PID 1 and reaped there when it exits: no zombie remains.
        String zombies = inLab(host, "sh -c '(sleep 0.2 &) ; true'; sleep 0.6; ps -eo stat= | grep -c '^Z' || true")
                .stdout().strip();
        assertThat(zombies).isEqualTo("0");
    }

    @Test
    void theFilesystemIsALabOfItsOwn() {
        LabHost host = newHost();
        assertThat(inLab(host, "touch /usr/glassbox-test").exitCode()).isNotZero();
        assertThat(inLab(host, "echo hi > /tmp/f && echo hi > /root/f && echo hi > /home/f && echo hi > /var/f"
                + " && echo ok").stdout()).isEqualTo("ok\n");
        assertThat(inLab(host, "cat /etc/passwd").stdout()).startsWith("root:x:0:0:").doesNotContain(":1000:");
        assertThat(inLab(host, "test -e " + LAB.dataDir() + " || echo invisible").stdout()).isEqualTo("invisible\n");
        assertThat(inLab(host, "ls /").stdout().lines()).contains("bin", "dev", "etc", "images", "proc", "root", "sys",
                "tmp", "usr", "var").doesNotContain("work", "opt-host", ".oldroot");
        assertThat(inLab(host, "ls /dev").stdout().lines()).contains("null", "zero", "full", "random", "urandom", "tty",
                "ptmx", "pts", "shm");
        assertThat(inLab(host, "stat -c '%U %a' /images/busybox/bin/busybox").stdout()).isEqualTo("root 755\n");
        assertThat(inLab(host, "touch /images/x").stderr()).contains("Read-only file system");
        assertThat(inLab(host, "df -k / | tail -1 | awk '{print $2}'").stdout().strip()).isEqualTo("65536");
    }

    @Test
    void initHoldsNoFileDescriptorOfTheServer() throws IOException {
        LabHost host = newHost();
        try (var fds = Files.list(Path.of("/proc", Long.toString(host.initPid()), "fd"))) {
            assertThat(fds.map(fd -> {
                try {
                    return fd.getFileName() + "->" + Files.readSymbolicLink(fd);
                } catch (IOException e) {
                    return fd.getFileName().toString();
                }
            }).toList()).containsExactlyInAnyOrder("0->/dev/null", "1->/dev/null", "2->/dev/null");
        }
    }

    @Test
    void theInternetAnswersButTheMachineAndOtherLabHostsDoNot() throws IOException {
        LabHost first = newHost();
        LabHost second = newHost();
        CommandResult internet = inLab(first, "curl -sS -m 3 http://internet/");
        assertThat(internet.stdout()).as(internet.stderr()).contains("Hello from the internet");
        assertThat(inLab(first, "curl -sS -m 3 http://internet/cgi-bin/whoami").stdout())
                .contains("The internet sees you as " + first.uplink().labAddress());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("0.0.0.0"))) {
            // The lab host's 127.0.0.1 is its own loopback, not the machine's.
            assertThat(inLab(first, "busybox nc -z -w 2 127.0.0.1 " + server.getLocalPort()).exitCode()).isNotZero();
        }
        // The outside namespace has no route to any address of the machine, so nothing is ever sent there.
        for (String address : machineAddresses()) {
            assertThat(COMMANDS.run(List.of("ip", "-n", LAB.sandbox().instanceName(), "route", "get", address)).stderr())
                    .as("route from the outside to " + address).contains("unreachable");
        }
        // The second lab host serves on its uplink address; the first cannot reach it, the second itself can.
        assertThat(inLab(second, "busybox httpd -p 8000 -h /images/busybox/var/www && echo started").stdout())
                .isEqualTo("started\n");
        String url = "http://" + second.uplink().labAddress() + ":8000/";
        CommandResult own = inLab(second, "curl -sS -m 2 " + url);
        assertThat(own.stdout()).as(own.stderr()).contains("busybox container");
        assertThat(inLab(first, "curl -sS -m 2 " + url).exitCode()).isNotZero();
        assertThat(inLab(first, "busybox ping -c 1 -W 1 " + second.uplink().labAddress()).exitCode()).isNotZero();
    }

    @Test
    void hardCapsAreInForce() {
        LabHost host = newHost();
        var cgroups = LAB.sandbox().cgroups();
        assertThat(cgroups.memory().readMax(host.cgroup())).hasValue(128L << 20);
        assertThat(cgroups.pids().readMax(host.cgroup())).hasValue(64);
        assertThat(cgroups.cpu().readQuota(host.cgroup()).cpus()).isEqualTo(1.0);

        CommandResult hog = inLab(host, "tail /dev/zero");
        assertThat(hog.exitCode()).isEqualTo(137);
        assertThat(cgroups.memory().readOomKills(host.cgroup())).isPositive();

        CommandResult forks = inLab(host, "busybox sh -c 'i=0; while [ $i -lt 100 ]; do sleep 30 & i=$((i+1)); done'");
        assertThat(forks.stderr()).as(forks.stdout()).contains("can't fork");
        assertThat(cgroups.pids().readMaxEvents(host.cgroup())).isPositive();
        assertThat(cgroups.pids().readCurrent(host.cgroup())).isLessThanOrEqualTo(64);

        // A file flood stops at the inode cap with ENOSPC, long before inodes could fill the memory cap.
        long inodes = Math.max(16_384, LAB.sandbox().settings().diskBytes() >> 12);
        assertThat(inLab(host, "stat -f -c %c /tmp; stat -f -c %c /dev/shm").stdout().lines().toList())
                .containsExactly(Long.toString(inodes), Long.toString(Math.max(1_024, LAB.sandbox().settings().shmBytes() >> 12)));
        CommandResult files = inLab(host, "cd /tmp && busybox sh -c 'i=0; while [ $i -lt 40000 ]; do : > f$i || exit 7;"
                + " i=$((i+1)); done'; echo still-answers");
        assertThat(files.stderr()).contains("No space left on device");
        assertThat(files.stdout()).contains("still-answers");
    }

    @Test
    void theLearnerCanCreateChildCgroupsButNotLiftTheCaps() {
        LabHost host = newHost();
        boolean v1 = LAB.sandbox().cgroups().version() == CgroupVersion.V1;
        String box = v1 ? "/sys/fs/cgroup/memory/box1" : "/sys/fs/cgroup/box1";
        String limit = v1 ? "memory.limit_in_bytes" : "memory.max";
        String setup = v1 ? "mkdir " + box : "echo +memory > /sys/fs/cgroup/cgroup.subtree_control && mkdir " + box;
        CommandResult result = inLab(host, setup + " && echo 33554432 > " + box + "/" + limit
                + " && sh -c 'echo $$ > " + box + "/cgroup.procs; exec tail /dev/zero'; echo status=$?");
        assertThat(result.stdout()).contains("status=137");
        String events = v1 ? "memory.oom_control" : "memory.events";
        assertThat(inLab(host, "grep oom_kill " + box + "/" + events).stdout()).contains("oom_kill 1");

        String own = v1 ? "/sys/fs/cgroup/memory/" + limit : "/sys/fs/cgroup/" + limit;
        inLab(host, "echo 999999999999 > " + own);
        assertThat(LAB.sandbox().cgroups().memory().readMax(host.cgroup())).hasValue(128L << 20);
        assertThat(inLab(host, "tail /dev/zero").exitCode()).isEqualTo(137);
    }

    /** The IPv4 addresses of the machine's own interfaces (loopback excluded). */
    private static List<String> machineAddresses() {
        return COMMANDS.run(List.of("ip", "-o", "-4", "addr", "show")).stdout().lines()
                .map(line -> line.replaceAll(".* inet ([0-9.]+)/.*", "$1"))
                .filter(address -> !address.startsWith("127.")).toList();
    }
}
