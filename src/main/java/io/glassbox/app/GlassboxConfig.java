package io.glassbox.app;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Every {@code glassbox.*} property, with its default. The README's configuration table mirrors this file. */
@ConfigMapping(prefix = "glassbox")
public interface GlassboxConfig {

    /** Images, the lab template and crash-recovery state. Every parent must be searchable (o+x) by lab uids. */
    @WithDefault("/var/lib/glassbox")
    Path dataDir();

    SandboxConfig sandbox();

    SessionsConfig sessions();

    /** What each lab host gets. */
    interface SandboxConfig {
        /** auto, userns or privileged; see {@link io.glassbox.sandbox.IsolationMode}. */
        @WithDefault("auto")
        String isolation();

        /** Hard memory cap per lab host, tmpfs included. */
        @WithDefault("512M")
        MemorySize memory();

        /** Hard cap on processes and threads per lab host. */
        @WithDefault("512")
        long pids();

        /** CPU bandwidth per lab host, in CPUs. */
        @WithDefault("1.0")
        double cpus();

        /** Size of a lab host's writable root (/root, /tmp, /home, /var, /etc). */
        @WithDefault("256M")
        MemorySize disk();

        /** Size of a lab host's /dev/shm. */
        @WithDefault("64M")
        MemorySize shm();

        /** First host uid of the lab hosts' ranges (65536 uids each) in userns mode. */
        @WithDefault("1000000000")
        long uidBase();

        /** How long a lab host may take to start. */
        @WithDefault("20s")
        Duration startTimeout();
    }

    /** Session limits. */
    interface SessionsConfig {
        /** Sessions (lab hosts) that may run at once. */
        @WithDefault("16")
        int max();

        /** A session unused for this long ends. */
        @WithDefault("30m")
        Duration idleTimeout();

        /** No session lives longer than this. */
        @WithDefault("4h")
        Duration maxLifetime();
    }
}
