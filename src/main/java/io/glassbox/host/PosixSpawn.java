package io.glassbox.host;

import static io.glassbox.host.Libc.C;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.byref.IntByReference;

/**
 * Starts a child with posix_spawn(3) (glibc: clone(CLONE_VM|CLONE_VFORK), then exec), which, unlike the
 * JDK's {@code ProcessBuilder}, neither needs a reaper thread per child nor limits the child's standard
 * streams to pipes and files. The child gets exactly the given environment, the directory {@code /}, default
 * signal dispositions and an empty signal mask (the JVM's own are not a program's business), and no file
 * descriptor beyond 0, 1 and 2 (closefrom, glibc 2.34).
 */
final class PosixSpawn {

    private PosixSpawn() {
    }

    /** Where the child's standard streams go. */
    sealed interface Streams {
    }

    /**
     * All three on the terminal whose slave is {@code path}, which becomes the controlling terminal of the
     * child's new session: after setsid(2), the first terminal a session leader opens without O_NOCTTY
     * becomes its controlling terminal (man 4 tty_ioctl, TIOCSCTTY), and glibc runs setsid before the file
     * actions.
     */
    record ControllingTerminal(String path) implements Streams {
    }

    /** Input from /dev/null, output and errors to {@code file} (created or truncated). */
    record OutputTo(Path file) implements Streams {
    }

    /** Spawns {@code argv} (a bare program name is looked up on the environment's PATH) and returns its pid. */
    static int spawn(List<String> argv, Map<String, String> environment, Streams streams) {
        String program = resolve(argv.get(0), environment.getOrDefault("PATH", CommandRunner.ENVIRONMENT.get("PATH")));
        Pointer actions = Memory.allocateDirect(Libc.RUNTIME, Libc.SPAWN_FILE_ACTIONS_SIZE);
        Pointer attributes = Memory.allocateDirect(Libc.RUNTIME, Libc.SPAWNATTR_SIZE);
        Pointer signals = Memory.allocateDirect(Libc.RUNTIME, Libc.SIGSET_SIZE);
        check("posix_spawn_file_actions_init", C.posix_spawn_file_actions_init(actions));
        check("posix_spawnattr_init", C.posix_spawnattr_init(attributes));
        try {
            short flags = Libc.POSIX_SPAWN_SETSIGDEF | Libc.POSIX_SPAWN_SETSIGMASK;
            if (streams instanceof ControllingTerminal terminal) {
                flags |= Libc.POSIX_SPAWN_SETSID;
                check("addopen", C.posix_spawn_file_actions_addopen(actions, 0, terminal.path(), Libc.O_RDWR, 0));
                check("adddup2", C.posix_spawn_file_actions_adddup2(actions, 0, 1));
            } else if (streams instanceof OutputTo output) {
                check("addopen", C.posix_spawn_file_actions_addopen(actions, 0, "/dev/null", Libc.O_RDWR, 0));
                check("addopen", C.posix_spawn_file_actions_addopen(actions, 1, output.file().toString(),
                        Libc.O_WRONLY | Libc.O_CREAT | Libc.O_TRUNC, 0644));
            }
            check("adddup2", C.posix_spawn_file_actions_adddup2(actions, 1, 2));
            check("addclosefrom_np", C.posix_spawn_file_actions_addclosefrom_np(actions, 3));
            check("addchdir_np", C.posix_spawn_file_actions_addchdir_np(actions, "/"));
            C.sigfillset(signals);
            check("setsigdefault", C.posix_spawnattr_setsigdefault(attributes, signals));
            C.sigemptyset(signals);
            check("setsigmask", C.posix_spawnattr_setsigmask(attributes, signals));
            check("setflags", C.posix_spawnattr_setflags(attributes, flags));
            IntByReference pid = new IntByReference();
            List<Pointer> keep = new ArrayList<>(); // jnr frees a Memory once unreachable from Java
            int error = C.posix_spawn(pid, program, actions, attributes, strings(argv, keep),
                    strings(environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList(), keep));
            Reference.reachabilityFence(keep);
            if (error != 0) {
                throw new IllegalStateException("posix_spawn " + program + ": " + Libc.describe(error));
            }
            return pid.getValue();
        } finally {
            C.posix_spawn_file_actions_destroy(actions);
            C.posix_spawnattr_destroy(attributes);
        }
    }

    private static String resolve(String program, String path) {
        if (program.contains("/")) {
            return program;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir, program);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new IllegalStateException("cannot start " + program + ": not found in " + path);
    }

    /** A NULL-terminated array of C strings, as execve(2) takes argv and envp. */
    private static Pointer strings(List<String> values, List<Pointer> keep) {
        int size = Libc.RUNTIME.addressSize();
        Pointer array = Memory.allocateDirect(Libc.RUNTIME, (long) (values.size() + 1) * size);
        for (int i = 0; i < values.size(); i++) {
            byte[] bytes = values.get(i).getBytes(StandardCharsets.UTF_8);
            Pointer string = Memory.allocateDirect(Libc.RUNTIME, bytes.length + 1);
            string.put(0, bytes, 0, bytes.length);
            string.putByte(bytes.length, (byte) 0);
            array.putPointer((long) i * size, string);
            keep.add(string);
        }
        array.putAddress((long) values.size() * size, 0L);
        keep.add(array);
        return array;
    }

    private static void check(String call, int result) {
        if (result != 0) {
            throw new IllegalStateException("posix_spawn: " + call + ": " + Libc.describe(result));
        }
    }
}
