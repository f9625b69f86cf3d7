package io.glassbox.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;

class ErrnoTest {

    @Test
    void namesTheErrnoBehindJdkExceptions() {
        assertThat(Errno.of(new NoSuchFileException("/x"))).isEqualTo("ENOENT");
        assertThat(Errno.of(new FileSystemException("/x", null, "Device or resource busy"))).isEqualTo("EBUSY");
        assertThat(Errno.of(new IOException("Invalid argument"))).isEqualTo("EINVAL");
        assertThat(Errno.of(new AccessDeniedException("/x"))).isEqualTo("EACCES");
        assertThat(Errno.of(new IOException("something else"))).isEqualTo("something else");
    }

    @Test
    void kernelErrorsSpellOutOperationArgumentsErrnoAndHint() {
        KernelException e = new KernelException("pivot_root", "new_root=/tmp/rootfs put_old=/tmp/rootfs/oldroot",
                "EBUSY", "new_root must be a mount point; bind-mount it onto itself first");
        assertThat(e).hasMessage("pivot_root new_root=/tmp/rootfs put_old=/tmp/rootfs/oldroot: EBUSY "
                + "(new_root must be a mount point; bind-mount it onto itself first)");
        assertThat(KernelException.of("write", "/sys/fs/cgroup/x=1", new IOException("Invalid argument"), null))
                .hasMessage("write /sys/fs/cgroup/x=1: EINVAL");
    }
}
