package io.glassbox.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.CommandFailedException;
import io.glassbox.host.CommandResult;
import io.glassbox.host.StartupFailure;
import io.glassbox.kernel.KernelException;
import io.quarkus.runtime.PreventFurtherStepsException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StartupReportTest {

    @Test
    void aKnownFailureAnywhereInTheChainIsItsOwnLineWithTheFixAndTheMachineExitStatus() {
        StartupFailure dataDir = new StartupFailure("the data dir /root/gb is not reachable by lab hosts: /root is not"
                + " searchable by other users", "chmod o+x /root");
        RuntimeException wrapped = new RuntimeException("Failed to start quarkus", new CompletionException(dataDir));

        assertThat(StartupReport.line(wrapped)).isEqualTo("the data dir /root/gb is not reachable by lab hosts: /root"
                + " is not searchable by other users. Fix: chmod o+x /root");
        assertThat(StartupReport.exitCode(wrapped)).isEqualTo(StartupReport.CANNOT_RUN_HERE);
    }

    @Test
    void theLineIsOneLineEvenWhenACommandSaidSeveral() {
        CommandResult result = new CommandResult(List.of("iptables-restore"), 2, "",
                "iptables-restore: line 3 failed\nWarning: extension rpfilter revision 0 not supported\n",
                Duration.ofMillis(5));
        CommandFailedException failed = new CommandFailedException(result, "apt-get install iptables");

        String line = StartupReport.line(new CompletionException(failed));

        assertThat(line).doesNotContain("\n").startsWith("iptables-restore: exit status 2")
                .contains("line 3 failed Warning: extension rpfilter").endsWith("; apt-get install iptables)");
        assertThat(StartupReport.exitCode(failed)).isEqualTo(StartupReport.CANNOT_RUN_HERE);
    }

    @Test
    void wrappersThatOnlyRepeatTheirCauseAreSkipped() {
        IOException locked = new IOException("the data dir /var/lib/glassbox/db is locked by another process");
        Throwable wrapped = new CompletionException(new UncheckedIOException(locked));

        assertThat(StartupReport.line(wrapped)).startsWith("the data dir /var/lib/glassbox/db is locked")
                .contains("level=DEBUG");
        assertThat(StartupReport.exitCode(wrapped)).as("may clear up: worth a restart").isEqualTo(StartupReport.FAILED);
    }

    @Test
    void aTemporaryFailureIsWorthARestartAndKeepsOneFullStopBeforeTheFix() {
        StartupFailure database = StartupFailure.temporary("the workshop database cannot be used: Connection to"
                + " 127.0.0.1:5432 refused.", "check glassbox.database.url", new IllegalStateException("x"));

        assertThat(StartupReport.exitCode(database)).isEqualTo(StartupReport.FAILED);
        assertThat(StartupReport.line(database)).isEqualTo("the workshop database cannot be used: Connection to"
                + " 127.0.0.1:5432 refused. Fix: check glassbox.database.url");
    }

    @Test
    void aFileErrorSaysWhatHappenedToWhichFile() {
        assertThat(StartupReport.line(new AccessDeniedException("/var/lib/glassbox/instance")))
                .startsWith("AccessDeniedException /var/lib/glassbox/instance");
    }

    @Test
    void aBugWithoutAMessageStillGivesALineAndTheWayToItsStackTrace() {
        assertThat(StartupReport.line(new NullPointerException())).startsWith("NullPointerException")
                .contains("-Dquarkus.log.category.\"io.glassbox.app\".level=DEBUG");
    }

    @Test
    void theEndingExceptionCarriesThePrefixedLineAndNoCauseSoQuarkusPrintsOnlyIt() {
        Throwable ending = StartupReport.stop(new KernelException("detect cgroup layout", "mountinfo", "ENOENT",
                "no cgroup or cgroup2 filesystem is mounted")).getCause();

        assertThat(ending).isInstanceOf(PreventFurtherStepsException.class);
        assertThat(ending.getMessage()).isEqualTo("Glassbox cannot start: detect cgroup layout mountinfo: ENOENT"
                + " (no cgroup or cgroup2 filesystem is mounted)");
        assertThat(ending.getCause()).as("the root cause, which Quarkus prints alone").isNull();
        assertThat(((PreventFurtherStepsException) ending).getExitCode()).isEqualTo(78);
    }
}
