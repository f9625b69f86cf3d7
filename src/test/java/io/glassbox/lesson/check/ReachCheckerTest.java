package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReachCheckerTest {

    @Test
    void curlGetsTheUrlAsOneQuotedWordAndNeverAProxyOrRcFile() {
        assertThat(ReachChecker.curl("http://198.18.0.1/a'b;$(id)", null)).isEqualTo(
                "curl -q -sS -g --proto =http -m 3 --connect-timeout 2 --noproxy '*' -o - -w '\\n%{http_code}'"
                        + " 'http://198.18.0.1/a'\\''b;$(id)' | head -c 1048576");
        assertThat(ReachChecker.curl("http://internet/", "internet:80:198.18.0.1"))
                .contains("--resolve 'internet:80:198.18.0.1' ");
    }

    /** The script as it is, run by the machine's sh against an address nothing listens on (the loopback of a
     * fresh network namespace, so no packet leaves it). */
    @Test
    void noAnswerIsReportedWithCurlsOwnWords() {
        CommandResult result = new CommandRunner(Duration.ofSeconds(10)).run(List.of("unshare", "--net", "sh", "-c",
                "ip link set lo up; " + ReachChecker.curl("http://127.0.0.1:9/", null)));
        org.junit.jupiter.api.Assumptions.assumeTrue(!result.stderr().contains("unshare: unshare failed"),
                "needs root for a throwaway network namespace");
        ReachChecker.Answer answer = ReachChecker.Answer.parse(result);
        assertThat(answer.answered()).isFalse();
        assertThat(answer.error()).startsWith("Failed to connect to 127.0.0.1 port 9");
    }

    @Test
    void theStatusLineFollowsTheBody() {
        ReachChecker.Answer ok = ReachChecker.Answer.parse(result("<h1>Hello</h1>\n\n200", ""));
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.body()).isEqualTo("<h1>Hello</h1>\n");
        assertThat(ok.describe("http://x/")).isEqualTo(Phrase.of("http://x/ answered 200", "http://x/ 应答了 200"));
        ReachChecker.Answer notFound = ReachChecker.Answer.parse(result("\n404", ""));
        assertThat(notFound.answered()).isTrue();
        ReachChecker.Answer none = ReachChecker.Answer.parse(result("\n000",
                "curl: (28) Connection timed out after 2001 milliseconds\n"));
        assertThat(none.answered()).isFalse();
        assertThat(none.error()).isEqualTo("Connection timed out after 2001 milliseconds");
        ReachChecker.Answer cut = ReachChecker.Answer.parse(result("x".repeat(100), ""));
        assertThat(cut.answered()).isTrue();
        assertThat(cut.describe("http://x/").en()).isEqualTo("http://x/ answered with more than 1048576 bytes");
    }

    @Test
    void namesComeFromHostsFilesOnly() {
        String hosts = """
                127.0.0.1\tlocalhost
                ::1 localhost ip6-localhost
                198.18.0.1\tinternet.glassbox internet  # the web
                fd00::5 v6only
                """;
        assertThat(ReachChecker.lookUp("internet", hosts)).isEqualTo("198.18.0.1");
        assertThat(ReachChecker.lookUp("INTERNET.glassbox", hosts)).isEqualTo("198.18.0.1");
        assertThat(ReachChecker.lookUp("v6only", hosts)).isEqualTo("[fd00::5]");
        assertThat(ReachChecker.lookUp("web", hosts)).isNull();
        assertThat(ReachChecker.isAddress("10.0.0.2")).isTrue();
        assertThat(ReachChecker.isAddress("[::1]")).isTrue();
        assertThat(ReachChecker.isAddress("internet")).isFalse();
    }

    @Test
    void onlyHttpUrlsWithAHost() {
        assertThat(ReachChecker.parse("http://10.0.0.2:8080/x").getPort()).isEqualTo(8080);
        assertThatThrownBy(() -> ReachChecker.parse("https://10.0.0.2/"))
                .hasMessageContaining("must start with http://");
        assertThatThrownBy(() -> ReachChecker.parse("http:///x")).hasMessageContaining("no host");
        assertThatThrownBy(() -> ReachChecker.parse("http://a b/")).hasMessageContaining("not valid");
    }

    private static CommandResult result(String stdout, String stderr) {
        return new CommandResult(List.of("sh"), 0, stdout, stderr, Duration.ZERO);
    }
}
