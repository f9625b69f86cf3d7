package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.NatRuleCheck;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A rule in the nat table of the lab host's network namespace (or of the target's, when the lesson names a
 * target), as {@code iptables -t nat -S CHAIN} prints it: one {@code -A CHAIN ...} line per rule, in the same
 * syntax the learner typed (iptables(8), --list-rules). The machine's iptables runs in a child that joins only
 * that network namespace; it is the same iptables (and backend) the lab host has, since its /usr is the
 * machine's.
 */
final class NatRuleChecker implements Checker<NatRuleCheck> {

    static final Set<String> CHAINS = Set.of("PREROUTING", "INPUT", "OUTPUT", "POSTROUTING");

    @Override
    public CheckResult check(NatRuleCheck spec, CheckContext context) {
        String chain = spec.chain();
        if (!CHAINS.contains(chain)) {
            throw new CheckException(Texts.lessonMistake("the lesson names an unknown nat chain '" + chain + "' (one of " + CHAINS + ")"));
        }
        boolean labHost = spec.target() == null;
        Phrase whose = labHost ? Phrase.of("the lab host's", "实验主机的") : context.targets();
        String script = "iptables -t nat -S " + chain;
        CommandResult result = labHost ? context.inLabHost(EnumSet.of(NamespaceType.NET), script)
                : context.inTarget(EnumSet.of(NamespaceType.NET), script);
        List<String> rules = rulesOf(chain, CheckException.requireRan(result, Phrase.of("iptables in " + whose.en()
                + " network namespace", "在" + whose.zh() + "网络命名空间里运行 iptables")).stdout());
        String text = "\"" + spec.contains() + "\"";
        Phrase expected = Phrase.of("a rule of " + whose.en() + " nat " + chain + " chain containing " + text,
                whose.zh() + " nat 表 " + chain + " 链里一条包含 " + text + " 的规则");
        for (String rule : rules) {
            if (rule.contains(spec.contains())) {
                return CheckResult.pass(Checks.idOf(spec), expected, Phrase.of("it has ", "有规则 ").plus(rule));
            }
        }
        return CheckResult.fail(Checks.idOf(spec), expected, rules.isEmpty()
                ? Phrase.of("the " + chain + " chain has no rules", chain + " 链里没有规则")
                : Phrase.of("its rules are: ", "它的规则是：").plus(String.join("; ", rules)));
    }

    /** The rule lines of {@code chain}: the {@code -A} lines, without the {@code -P} policy or {@code -N} lines. */
    static List<String> rulesOf(String chain, String listRules) {
        String prefix = "-A " + chain + " ";
        return listRules.lines().map(String::strip).filter(line -> line.startsWith(prefix)).toList();
    }
}
