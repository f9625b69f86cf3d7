package io.glassbox.lesson.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file check's script, run by the machine's sh (and busybox sh, as in a container) on a temporary tree. */
class FileCheckerTest {

    @TempDir
    Path dir;

    @Test
    void aRegularFileWithItsContent() throws IOException {
        Path file = Files.writeString(dir.resolve("it's $(touch pwned) `x`"), "hello\nworld\n");
        for (List<String> shell : shells()) {
            FileChecker.FileFacts facts = look(shell, file.toString(), true);
            assertThat(facts.exists()).isTrue();
            assertThat(facts.regular()).isTrue();
            assertThat(facts.type()).isEqualTo("regular file");
            assertThat(facts.content()).isEqualTo("hello\nworld\n");
            assertThat(facts.isWhiteout()).isFalse();
        }
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void missingDanglingAndDirectories() throws IOException {
        Files.createSymbolicLink(dir.resolve("link"), dir.resolve("nowhere"));
        for (List<String> shell : shells()) {
            FileChecker.FileFacts missing = look(shell, dir.resolve("none").toString(), true);
            assertThat(missing.exists()).isFalse();
            assertThat(missing.dangling()).isFalse();
            FileChecker.FileFacts dangling = look(shell, dir.resolve("link").toString(), true);
            assertThat(dangling.exists()).isFalse();
            assertThat(dangling.dangling()).isTrue();
            FileChecker.FileFacts directory = look(shell, dir.toString(), true);
            assertThat(directory.exists()).isTrue();
            assertThat(directory.regular()).isFalse();
            assertThat(directory.type()).isEqualTo("directory");
        }
    }

    @Test
    void onlyTheFirst64KiBAreRead() throws IOException {
        Path big = Files.writeString(dir.resolve("big"), "a".repeat(FileChecker.READ_LIMIT) + "needle");
        assertThat(look(List.of("sh"), big.toString(), true).content())
                .hasSize(FileChecker.READ_LIMIT).doesNotContain("needle");
        assertThat(look(List.of("sh"), big.toString(), false).content()).isEmpty();
    }

    @Test
    void aWhiteoutIsACharacterDeviceZeroZero() {
        assertThat(FileChecker.FileFacts.parse("present\ncharacter special file|0|0\nother\n").isWhiteout()).isTrue();
        assertThat(FileChecker.FileFacts.parse("present\ncharacter special file|1|3\nother\n").isWhiteout()).isFalse();
        assertThat(FileChecker.FileFacts.parse("present\nregular file|0|0\nregular\n").isWhiteout()).isFalse();
    }

    private static FileChecker.FileFacts look(List<String> shell, String path, boolean content) {
        List<String> argv = new java.util.ArrayList<>(shell);
        argv.addAll(List.of("-c", FileChecker.script(path, content)));
        CommandResult result = new CommandRunner().run(argv);
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        return FileChecker.FileFacts.parse(result.stdout());
    }

    /** The machine's sh, and busybox's ash where installed (the shell of a busybox container). */
    private static List<List<String>> shells() {
        return Files.isExecutable(Path.of("/usr/bin/busybox"))
                ? List.of(List.of("sh"), List.of("/usr/bin/busybox", "sh")) : List.of(List.of("sh"));
    }
}
