package io.glassbox.lesson.check;

import io.glassbox.kernel.KernelFiles;
import io.glassbox.lesson.model.CheckSpec.IoCheck;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The target's block I/O, from /proc/pid/io (man 5 proc): {@code read_bytes} and {@code write_bytes} count what
 * went through the block layer (not page-cache hits, not tmpfs), which is what blkio and io.max throttle. The
 * kernel adds a child's counters to its parent's when the parent waits for it, so a shell's numbers include
 * every command it ran in the foreground.
 */
final class IoChecker implements Checker<IoCheck> {

    @Override
    public CheckResult check(IoCheck spec, CheckContext context) {
        if (spec.readBytes() == null && spec.writeBytes() == null) {
            throw new CheckException(Texts.lessonMistake(
                    "the lesson's io check asks for nothing (read-bytes or write-bytes)"));
        }
        String io;
        try {
            io = KernelFiles.read(context.proc().pidDir(context.targetPid()).resolve("io"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Verdict verdict = new Verdict(new Phrase("the block I/O of " + context.targetName(),
                Phrase.joinChinese(context.targets().zh(), "块设备 I/O")));
        require(verdict, io, "read_bytes", Phrase.of(" read from block devices", "从块设备读取"), spec.readBytes());
        require(verdict, io, "write_bytes", Phrase.of(" written to block devices", "向块设备写入"), spec.writeBytes());
        return verdict.result(Checks.idOf(spec));
    }

    /** {@code direction}: " read from block devices" / "从块设备读取", to follow (en) or lead (zh) the size. */
    private static void require(Verdict verdict, String io, String field, Phrase direction, String size) {
        if (size == null) {
            return;
        }
        long wanted;
        try {
            wanted = ByteSize.parse(size);
        } catch (IllegalArgumentException e) {
            throw new CheckException(Texts.lessonMistake("the lesson's " + field + ": " + e.getMessage()));
        }
        long seen = field(io, field);
        String amount = ByteSize.format(wanted);
        verdict.require(Phrase.of("at least " + amount + direction.en(), direction.zh() + "至少 " + amount),
                seen >= wanted, Phrase.literal(field + " " + seen));
    }

    static long field(String io, String name) {
        for (String line : io.lines().toList()) {
            if (line.startsWith(name + ":")) {
                return Long.parseLong(line.substring(name.length() + 1).strip());
            }
        }
        throw new CheckException(Phrase.of("/proc/pid/io has no " + name + " line (a kernel without"
                + " CONFIG_TASK_IO_ACCOUNTING)", "/proc/pid/io 里没有 " + name + " 这一行（内核没有启用"
                + " CONFIG_TASK_IO_ACCOUNTING）"));
    }
}
