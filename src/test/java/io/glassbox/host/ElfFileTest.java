package io.glassbox.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ElfFileTest {

    @TempDir
    Path tmp;

    @Test
    void aDynamicExecutableIsNotStatic() throws IOException {
        assertThat(ElfFile.isStatic(Path.of("/bin/sh").toRealPath())).isFalse();
    }

    @Test
    void aStaticExecutableIs() throws IOException {
        // Build a minimal 64-bit ELF header with one PT_LOAD program header and no PT_INTERP.
        byte[] elf = new byte[64 + 56];
        elf[0] = 0x7f;
        elf[1] = 'E';
        elf[2] = 'L';
        elf[3] = 'F';
        elf[4] = 2; // 64-bit
        elf[5] = 1; // little endian
        elf[0x20] = 64; // program header table offset
        elf[0x36] = 56; // program header entry size
        elf[0x38] = 1; // one entry
        elf[64] = 1; // PT_LOAD
        Path file = Files.write(tmp.resolve("static"), elf);
        assertThat(ElfFile.isStatic(file)).isTrue();
        elf[64] = 3; // PT_INTERP
        assertThat(ElfFile.isStatic(Files.write(tmp.resolve("dynamic"), elf))).isFalse();
    }

    @Test
    void aScriptIsNotAnExecutableImage() throws IOException {
        assertThat(ElfFile.isStatic(Files.writeString(tmp.resolve("script"), "#!/bin/sh\n".repeat(20)))).isFalse();
    }
}
