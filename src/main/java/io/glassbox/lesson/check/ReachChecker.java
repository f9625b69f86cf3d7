package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.ReachCheck;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * Whether a URL answers from the target's network namespace or from "the outside". The machine's curl runs in
 * a child that joins only that network namespace, so it reaches exactly what the target reaches. It never asks
 * DNS: addresses are used as they are, {@code lab-host} means the lab host's uplink address (what the internet
 * knows it as), {@code localhost} is resolved by curl itself, and any other name is looked up in the /etc/hosts
 * the target (or, from the outside, the lab host) sees, then pinned with {@code --resolve}.
 */
final class ReachChecker implements Checker<ReachCheck> {

    /** The name a lesson uses for the lab host's address on its uplink, e.g. http://lab-host:8080/. */
    static final String LAB_HOST = "lab-host";

    /** Short, so a check of an unreachable URL fails within seconds (curl(1): -m, --connect-timeout). */
    static final String TIMEOUTS = "-m 3 --connect-timeout 2";

    /** Output beyond this is cut: a learner's server may send without end, and the server keeps output in memory. */
    static final int BODY_LIMIT = 1 << 20;

    @Override
    public CheckResult check(ReachCheck spec, CheckContext context) {
        boolean outside = "outside".equals(spec.from());
        Phrase from = outside ? Phrase.of("the internet", "互联网")
                : Phrase.of(Texts.possessive(context.targetName()) + " network namespace",
                        context.target().zh() + "的网络命名空间");
        URI uri = parse(spec.url());
        String pin = pin(uri, context, outside);
        String script = curl(spec.url(), pin);
        CommandResult result = outside ? context.inOutside(List.of("sh", "-c", script))
                : context.inTarget(EnumSet.of(NamespaceType.NET), script);
        Answer answer = Answer.parse(CheckException.requireRan(result, Phrase.of("curl from ", "从").plus(from)
                .plus("", "运行 curl")));
        boolean wantAnswer = !Boolean.FALSE.equals(spec.reachable());
        Verdict verdict = new Verdict(Phrase.of(spec.url() + (wantAnswer ? " answering from " : " not answering from ")
                + from.en(), "从" + from.zh() + (wantAnswer ? "访问 " : "访问不到 ") + spec.url()));
        Phrase seen = answer.answered() ? answer.describe(spec.url())
                : Phrase.of("no answer: ", "没有应答：").plus(answer.error());
        verdict.precondition(answer.answered() == wantAnswer, seen);
        if (spec.contains() != null && wantAnswer) {
            String text = "\"" + spec.contains() + "\"";
            Phrase with = Phrase.of("with " + text, "应答里有 " + text);
            if (answer.answered()) {
                verdict.require(with, answer.body().contains(spec.contains()),
                        Phrase.of("the answer was ", "应答是").plus(Texts.quoted(answer.body())));
            } else {
                verdict.want(with);
            }
        }
        return verdict.result(Checks.idOf(spec));
    }

    static URI parse(String url) {
        if (url == null || !url.startsWith("http://")) {
            throw new CheckException(Texts.lessonMistake("the lesson's URL must start with http://: " + url));
        }
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null) {
                throw new CheckException(Texts.lessonMistake("the lesson's URL has no host: " + url));
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new CheckException(Texts.lessonMistake("the lesson's URL is not valid: " + url + " (" + e.getReason() + ")"));
        }
    }

    /** A {@code host:port:address} for curl's --resolve, or null when curl needs no name lookup. */
    static String pin(URI uri, CheckContext context, boolean outside) {
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        if (isAddress(host) || host.equals("localhost")) {
            return null;
        }
        String address = host.equals(LAB_HOST) ? context.lab().uplink().labAddress()
                : lookUp(host, hostsFile(context, outside));
        if (address == null) {
            throw new CheckException(Texts.lessonMistake("the name " + host + " is not in /etc/hosts of "
                    + (outside ? "the lab host" : context.targetName())
                    + ", and checks never ask DNS: use an address in the lesson's URL"));
        }
        return host + ":" + port + ":" + address;
    }

    static boolean isAddress(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.startsWith("[");
    }

    private static String hostsFile(CheckContext context, boolean outside) {
        EnumSet<NamespaceType> namespaces = EnumSet.of(NamespaceType.USER, NamespaceType.MNT);
        String script = "cat /etc/hosts 2>/dev/null; exit 0";
        return (outside ? context.inLabHost(namespaces, script) : context.inTarget(namespaces, script)).stdout();
    }

    /** The first address hosts(5) gives {@code name}, IPv4 preferred. */
    static String lookUp(String name, String hosts) {
        String v6 = null;
        for (String line : hosts.lines().toList()) {
            String[] fields = line.replaceAll("#.*", "").strip().split("\\s+");
            for (int i = 1; i < fields.length; i++) {
                if (fields[i].equalsIgnoreCase(name)) {
                    if (!fields[0].contains(":")) {
                        return fields[0];
                    }
                    v6 = v6 == null ? "[" + fields[0] + "]" : v6;
                }
            }
        }
        return v6;
    }

    /**
     * curl prints the body, then a line with the HTTP status ("000" without an answer). -q skips any .curlrc,
     * -g keeps [] and {} in the URL literal, --proto =http refuses anything but plain HTTP, --noproxy ignores
     * proxies; head cuts what could flood the server's memory.
     */
    static String curl(String url, String pin) {
        List<String> argv = new ArrayList<>(List.of("curl", "-q", "-sS", "-g", "--proto", "=http", TIMEOUTS,
                "--noproxy", "'*'"));
        if (pin != null) {
            argv.add("--resolve " + Texts.quote(pin));
        }
        argv.addAll(List.of("-o", "-", "-w", "'\\n%{http_code}'", Texts.quote(url)));
        return String.join(" ", argv) + " | head -c " + BODY_LIMIT;
    }

    /** What curl got: the HTTP status (0 without an answer), the body, and curl's error when it failed. */
    record Answer(int status, String body, String error) {

        static Answer parse(CommandResult result) {
            String out = result.stdout();
            int newline = out.lastIndexOf('\n');
            String last = out.substring(newline + 1);
            String error = result.stderr().strip().replaceFirst("^curl: \\([0-9]+\\) ", "");
            if (!last.matches("[0-9]{3}")) {
                // The body filled the limit and the status line was cut off: an answer all the same.
                return new Answer(out.isEmpty() ? 0 : -1, out, error.isEmpty() ? "curl printed nothing" : error);
            }
            return new Answer(Integer.parseInt(last), newline < 0 ? "" : out.substring(0, newline),
                    error.isEmpty() ? "curl got no HTTP answer" : error);
        }

        boolean answered() {
            return status != 0;
        }

        Phrase describe(String url) {
            return status > 0 ? Phrase.of(url + " answered " + status, url + " 应答了 " + status)
                    : Phrase.of(url + " answered with more than " + BODY_LIMIT + " bytes",
                            url + " 的应答超过 " + BODY_LIMIT + " 字节");
        }
    }
}
