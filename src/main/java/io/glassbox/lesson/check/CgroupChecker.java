package io.glassbox.lesson.check;

import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.CgroupVersion;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.cgroup.FreezerState;
import io.glassbox.lesson.model.CheckSpec.CgroupCheck;
import java.nio.file.Path;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The target's cgroup, read from the machine's side: /proc/pid/cgroup names it (man 7 cgroups) and the driver
 * reads its limits and counters, the same on v1 and v2. Paths in messages are the ones the learner sees in the
 * lab host, below its /sys/fs/cgroup.
 */
final class CgroupChecker implements Checker<CgroupCheck> {

    @Override
    public CheckResult check(CgroupCheck spec, CheckContext context) {
        CgroupNode node = context.cgroups().cgroupOf(context.targetPid());
        Verdict verdict = new Verdict(Texts.possessive(context.targetName()) + " cgroup");
        if (spec.inChild() != null) {
            Controller main = node.directories().containsKey(Controller.MEMORY) ? Controller.MEMORY : Controller.PIDS;
            boolean inChild = inChild(context, node, main);
            String hint = inChild || !spec.inChild() ? ""
                    : " (make a child cgroup there and write the pid into its cgroup.procs)";
            verdict.require(spec.inChild() ? "below the lab host's own" : "the lab host's own",
                    inChild == spec.inChild(), context.targetName() + " is in " + where(context, node, main) + hint);
        }
        limits(spec, context, node, verdict);
        CgroupDriver cgroups = context.cgroups();
        atLeast(verdict, spec.oomKills(), "OOM kill", "OOM kills", () -> cgroups.memory().readOomKills(node),
                where(context, node, Controller.MEMORY));
        atLeast(verdict, spec.forkRefusals(), "fork refused", "forks refused",
                () -> cgroups.pids().readMaxEvents(node), where(context, node, Controller.PIDS));
        atLeast(verdict, spec.throttled(), "throttled period", "throttled periods",
                () -> cgroups.cpu().readStats(node).throttledPeriods(), where(context, node, Controller.CPU));
        if (spec.freezer() != null) {
            FreezerState state = cgroups.freezer().readState(node);
            String actual = state.name().toLowerCase(Locale.ROOT);
            verdict.require(spec.freezer(), actual.equals(spec.freezer()), where(context, node, Controller.FREEZER)
                    + " is " + actual + (state == FreezerState.FREEZING ? " (some task has not stopped yet)" : ""));
        }
        return verdict.result(Checks.idOf(spec));
    }

    private static void limits(CgroupCheck spec, CheckContext context, CgroupNode node, Verdict verdict) {
        CgroupDriver cgroups = context.cgroups();
        if (spec.memoryMax() != null) {
            long wanted = ByteSize.parse(spec.memoryMax());
            OptionalLong max = cgroups.memory().readMax(node);
            // v1 rounds the limit down to whole pages (memory.rst), so 100000 reads back as 98304.
            boolean ok = max.isPresent() && Math.abs(max.getAsLong() - wanted) < 4096;
            verdict.require("a memory limit of " + ByteSize.format(wanted), ok, where(context, node, Controller.MEMORY)
                    + (max.isPresent() ? " has a memory limit of " + ByteSize.format(max.getAsLong())
                            : " has no memory limit"));
        }
        if (spec.pidsMax() != null) {
            OptionalLong max = cgroups.pids().readMax(node);
            boolean ok = max.isPresent() && max.getAsLong() == spec.pidsMax();
            verdict.require("a limit of " + spec.pidsMax() + " tasks", ok, where(context, node, Controller.PIDS)
                    + (max.isPresent() ? " allows " + max.getAsLong() + " tasks" : " has no task limit"));
        }
        if (spec.cpus() != null) {
            double cpus = cgroups.cpu().readQuota(node).cpus();
            boolean ok = Math.abs(cpus - spec.cpus()) < 0.01;
            verdict.require("a CPU limit of " + cpus(spec.cpus()), ok, where(context, node, Controller.CPU)
                    + (Double.isInfinite(cpus) ? " has no CPU limit" : " may use " + cpus(cpus)));
        }
    }

    private static void atLeast(Verdict verdict, Long wanted, String one, String many,
            java.util.function.LongSupplier counter, String where) {
        if (wanted != null) {
            long seen = counter.getAsLong();
            verdict.require("at least " + Texts.count(wanted, one, many), seen >= wanted,
                    where + " has seen " + Texts.count(seen, one, many));
        }
    }

    /**
     * Strictly below the delegated cgroup, and not the leaf where the lab's own processes live (on v2 the
     * delegated cgroup holds its processes in a child "init", which is the lab host's, not a learner's).
     */
    private static boolean inChild(CheckContext context, CgroupNode node, Controller controller) {
        Path mine = node.directory(controller);
        Path own = context.lab().delegation().delegated().directory(controller);
        Path processes = context.lab().delegation().processes().directory(controller);
        return mine.startsWith(own) && !mine.equals(own) && !mine.equals(processes);
    }

    /** "the cgroup /sys/fs/cgroup/memory/box1" as the lab host shows it, or "the lab host's own cgroup". */
    static String where(CheckContext context, CgroupNode node, Controller controller) {
        Path mine = node.directory(controller);
        Path own = context.lab().delegation().delegated().directory(controller);
        if (!mine.startsWith(own)) {
            return "a cgroup outside the lab host's";
        }
        if (mine.equals(own) || mine.equals(context.lab().delegation().processes().directory(controller))) {
            return "the lab host's own cgroup";
        }
        String top = context.cgroups().version() == CgroupVersion.V1
                ? "/sys/fs/cgroup/" + context.cgroups().layout().v1MountOf(controller.v1Name())
                        .map(p -> p.getFileName().toString()).orElse(controller.v1Name())
                : "/sys/fs/cgroup";
        return "the cgroup " + top + "/" + own.relativize(mine);
    }

    /** 0.5 as "0.5 CPUs", 1 as "1 CPU". */
    static String cpus(double cpus) {
        String number = new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", cpus)).stripTrailingZeros()
                .toPlainString();
        return number + (number.equals("1") ? " CPU" : " CPUs");
    }
}
