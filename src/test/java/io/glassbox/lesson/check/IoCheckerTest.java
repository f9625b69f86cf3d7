package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.ProcFs;
import io.glassbox.lesson.model.CheckSpec.IoCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The io check on /proc/pid/io fixtures, as a lab shell shows them before and after a direct read of /usr. */
class IoCheckerTest {

    static final String FRESH_SHELL = """
            rchar: 3980
            wchar: 112
            syscr: 8
            syscw: 2
            read_bytes: 0
            write_bytes: 0
            cancelled_write_bytes: 0
            """;

    /** After dd if=/usr/... of=/dev/null bs=1M count=32 iflag=direct in the foreground. */
    static final String AFTER_DIRECT_READ = """
            rchar: 33558412
            wchar: 220
            syscr: 60
            syscw: 6
            read_bytes: 33554432
            write_bytes: 0
            cancelled_write_bytes: 0
            """;

    @TempDir
    Path proc;

    final Checks checks = new Checks();

    @Test
    void readBytesCountOnlyWhatReachedTheBlockLayer() throws IOException {
        IoCheck sixteen = new IoCheck(null, null, null, "16M", null);
        CheckResult before = checks.evaluate(sixteen, shell(FRESH_SHELL));
        assertThat(before.passed()).isFalse();
        assertThat(before.expected()).isEqualTo("the block I/O of the shell: at least 16 MiB read from block devices");
        assertThat(before.observed()).isEqualTo("read_bytes 0");
        assertThat(before.message("zh-CN")).isEqualTo("期望 shell 的块设备 I/O：从块设备读取至少 16 MiB；read_bytes 0");
        CheckResult after = checks.evaluate(sixteen, shell(AFTER_DIRECT_READ));
        assertThat(after.passed()).isTrue();
        assertThat(after.observed()).isEqualTo("read_bytes 33554432");
        CheckResult writes = checks.evaluate(new IoCheck(null, null, null, null, "1K"), shell(AFTER_DIRECT_READ));
        assertThat(writes.passed()).isFalse();
        assertThat(writes.expected()).endsWith("at least 1 KiB written to block devices");
        assertThat(writes.expected("zh-CN")).endsWith("：向块设备写入至少 1 KiB");
    }

    @Test
    void aLessonsMistakeIsSaidAsSuch() throws IOException {
        assertThat(checks.evaluate(new IoCheck(null, null, null, "lots", null), shell(FRESH_SHELL)).observed())
                .startsWith("could not check: the lesson's read_bytes: not a size: 'lots'");
        assertThat(checks.evaluate(new IoCheck(null, null, null, null, null), shell(FRESH_SHELL)).observed())
                .isEqualTo("could not check: the lesson's io check asks for nothing (read-bytes or write-bytes)");
        assertThat(checks.evaluate(new IoCheck(null, null, null, "lots", null), shell(FRESH_SHELL)).observed("zh-CN"))
                .startsWith("无法检查：课程本身有误（请告诉课程作者）：the lesson's read_bytes");
    }

    @Test
    void theRealFileOfThisProcessParses() {
        CheckContext self = new CheckContext(null, ProcessHandle.current().pid(), Phrase.of("the test", "测试进程"), ProcFs.system(), null,
                new CommandRunner(), null);
        CheckResult result = checks.evaluate(new IoCheck(null, null, null, "0", null), self);
        assertThat(result.passed()).as(result.message()).isTrue();
        assertThat(result.observed()).matches("read_bytes \\d+");
    }

    private CheckContext shell(String io) throws IOException {
        Files.createDirectories(proc.resolve("4242"));
        Files.writeString(proc.resolve("4242/io"), io);
        return new CheckContext(null, 4242, Phrase.of("the shell", "shell"), new ProcFs(proc), null, new CommandRunner(), null);
    }
}
