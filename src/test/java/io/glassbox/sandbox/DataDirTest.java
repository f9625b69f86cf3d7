package io.glassbox.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirTest {

    @TempDir
    Path tmp;

    @Test
    void createsItsLayout() throws IOException {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        DataDir dataDir = new DataDir(tmp.resolve("glassbox"));
        dataDir.create();
        assertThat(dataDir.sessions()).isDirectory();
        assertThat(dataDir.labRootMountPoint()).isDirectory();
        assertThat(dataDir.internetWww()).isDirectory();
    }

    @Test
    void refusesADataDirLabHostsCannotReachAndSaysWhy() throws IOException {
        Path closed = Files.createDirectories(tmp.resolve("closed"));
        Files.setPosixFilePermissions(closed, PosixFilePermissions.fromString("rwx------"));
        assertThatThrownBy(() -> new DataDir(closed.resolve("glassbox")).create())
                .hasMessageContaining(closed + " is not searchable by other users")
                .hasMessageContaining("glassbox.data-dir");
    }
}
