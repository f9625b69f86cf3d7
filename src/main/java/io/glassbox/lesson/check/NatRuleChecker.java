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
            throw new CheckException("the lesson names an unknown nat chain '" + chain + "' (one of " + CHAINS + ")");
        }
        boolean labHost = spec.target() == null;
        String whose = labHost ? "the lab host's" : Texts.possessive(context.targetName());
        String script = "iptables -t nat -S " + chain;
        CommandResult result = labHost ? context.inLabHost(EnumSet.of(NamespaceType.NET), script)
                : context.inTarget(EnumSet.of(NamespaceType.NET), script);
        List<String> rules = rulesOf(chain, CheckException.requireRan(result, "iptables in " + whose
                + " network namespace").stdout());
        String expected = "a rule of " + whose + " nat " + chain + " chain containing \"" + spec.contains() + "\"";
        for (String rule : rules) {
            if (rule.contains(spec.contains())) {
                return CheckResult.pass(Checks.idOf(spec), expected, "it has " + rule);
            }
        }
        return CheckResult.fail(Checks.idOf(spec), expected, rules.isEmpty() ? "the " + chain + " chain has no rules"
                : "its rules are: " + String.join("; ", rules));
    }

    /** The rule lines of {@code chain}: the {@code -A} lines, without the {@code -P} policy or {@code -N} lines. */
    static List<String> rulesOf(String chain, String listRules) {
        String prefix = "-A " + chain + " ";
        return listRules.lines().map(String::strip).filter(line -> line.startsWith(prefix)).toList();
    }
}
