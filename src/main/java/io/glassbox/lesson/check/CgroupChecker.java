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
        Verdict verdict = new Verdict(context.targets().plus(" cgroup", "cgroup"));
        if (spec.inChild() != null) {
            Controller main = node.directories().containsKey(Controller.MEMORY) ? Controller.MEMORY : Controller.PIDS;
            boolean inChild = inChild(context, node, main);
            Phrase hint = inChild || !spec.inChild() ? Phrase.EMPTY
                    : Phrase.of(" (make a child cgroup there and write the pid into its cgroup.procs)",
                            "（在那里建一个子 cgroup，把 pid 写进它的 cgroup.procs）");
            verdict.require(spec.inChild() ? Phrase.of("below the lab host's own", "在实验主机自己的 cgroup 之下")
                    : Phrase.of("the lab host's own", "是实验主机自己的"), inChild == spec.inChild(),
                    context.target().plus(" is in ", "在").plus(where(context, node, main)).plus(hint));
        }
        limits(spec, context, node, verdict);
        CgroupDriver cgroups = context.cgroups();
        atLeast(verdict, spec.oomKills(), Phrase.of("OOM kill", "次 OOM kill"), "OOM kills",
                () -> cgroups.memory().readOomKills(node), where(context, node, Controller.MEMORY));
        atLeast(verdict, spec.forkRefusals(), Phrase.of("fork refused", "次 fork 被拒绝"), "forks refused",
                () -> cgroups.pids().readMaxEvents(node), where(context, node, Controller.PIDS));
        atLeast(verdict, spec.throttled(), Phrase.of("throttled period", "个被限流的周期"), "throttled periods",
                () -> cgroups.cpu().readStats(node).throttledPeriods(), where(context, node, Controller.CPU));
        if (spec.freezer() != null) {
            FreezerState state = cgroups.freezer().readState(node);
            String actual = state.name().toLowerCase(Locale.ROOT);
            verdict.require(Phrase.literal(spec.freezer()), actual.equals(spec.freezer()),
                    where(context, node, Controller.FREEZER).plus(" is " + actual, " 的状态是 " + actual)
                            .plus(state == FreezerState.FREEZING ? Phrase.of(" (some task has not stopped yet)",
                                    "（还有任务没有停下）") : Phrase.EMPTY));
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
            verdict.require(Phrase.of("a memory limit of ", "内存上限为 ").plus(ByteSize.format(wanted)), ok,
                    where(context, node, Controller.MEMORY).plus(max.isPresent()
                            ? Phrase.of(" has a memory limit of ", " 的内存上限是 ").plus(ByteSize.format(max.getAsLong()))
                            : Phrase.of(" has no memory limit", " 没有内存上限")));
        }
        if (spec.pidsMax() != null) {
            OptionalLong max = cgroups.pids().readMax(node);
            boolean ok = max.isPresent() && max.getAsLong() == spec.pidsMax();
            verdict.require(Phrase.of("a limit of " + spec.pidsMax() + " tasks", "任务数上限为 " + spec.pidsMax()), ok,
                    where(context, node, Controller.PIDS).plus(max.isPresent()
                            ? Phrase.of(" allows " + max.getAsLong() + " tasks", " 允许 " + max.getAsLong() + " 个任务")
                            : Phrase.of(" has no task limit", " 没有任务数上限")));
        }
        if (spec.cpus() != null) {
            double cpus = cgroups.cpu().readQuota(node).cpus();
            boolean ok = Math.abs(cpus - spec.cpus()) < 0.01;
            verdict.require(Phrase.of("a CPU limit of ", "CPU 上限为 ").plus(cpus(spec.cpus())), ok,
                    where(context, node, Controller.CPU).plus(Double.isInfinite(cpus)
                            ? Phrase.of(" has no CPU limit", " 没有 CPU 上限")
                            : Phrase.of(" may use ", " 最多可用 ").plus(cpus(cpus))));
        }
    }

    private static void atLeast(Verdict verdict, Long wanted, Phrase one, String many,
            java.util.function.LongSupplier counter, Phrase where) {
        if (wanted != null) {
            long seen = counter.getAsLong();
            verdict.require(Phrase.of("at least " + Texts.count(wanted, one.en(), many), "至少 " + wanted + " " + one.zh()),
                    seen >= wanted, where.plus(" has seen " + Texts.count(seen, one.en(), many),
                            " 已经出现 " + seen + " " + one.zh()));
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
    static Phrase where(CheckContext context, CgroupNode node, Controller controller) {
        Path mine = node.directory(controller);
        Path own = context.lab().delegation().delegated().directory(controller);
        if (!mine.startsWith(own)) {
            return Phrase.of("a cgroup outside the lab host's", "实验主机之外的一个 cgroup");
        }
        if (mine.equals(own) || mine.equals(context.lab().delegation().processes().directory(controller))) {
            return Phrase.of("the lab host's own cgroup", "实验主机自己的 cgroup");
        }
        String top = context.cgroups().version() == CgroupVersion.V1
                ? "/sys/fs/cgroup/" + context.cgroups().layout().v1MountOf(controller.v1Name())
                        .map(p -> p.getFileName().toString()).orElse(controller.v1Name())
                : "/sys/fs/cgroup";
        return Phrase.of("the cgroup ", "cgroup ").plus(top + "/" + own.relativize(mine));
    }

    /** 0.5 as "0.5 CPUs", 1 as "1 CPU". */
    static Phrase cpus(double cpus) {
        String number = new java.math.BigDecimal(String.format(Locale.ROOT, "%.2f", cpus)).stripTrailingZeros()
                .toPlainString();
        return Phrase.of(number + (number.equals("1") ? " CPU" : " CPUs"), number + " 个 CPU");
    }
}
