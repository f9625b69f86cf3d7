package io.glassbox.app;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Every {@code glassbox.*} property, with its default. The README's configuration table mirrors this file. */
@ConfigMapping(prefix = "glassbox")
public interface GlassboxConfig {

    /** Images, the lab template and crash-recovery state. Every parent must be searchable (o+x) by lab uids. */
    @WithDefault("/var/lib/glassbox")
    Path dataDir();

    SandboxConfig sandbox();

    SessionsConfig sessions();

    TerminalConfig terminal();

    RecordingConfig recording();

    LessonsConfig lessons();

    WebConfig web();

    DatabaseConfig database();

    WorkshopsConfig workshops();

    AdmissionConfig admission();

    NodeConfig node();

    /** One node of several behind a load balancer (docs/scaling.md). */
    interface NodeConfig {
        /**
         * This node's name (a pod name such as {@code glassbox-0}): every session id ends in {@code -<id>}, which
         * the balancer routes on. Unset: a single server, ids as always.
         */
        Optional<String> id();
    }

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

        /**
         * Namespaces of each type a lab host may hold at once, its own included; the learner cannot raise it
         * (see {@link io.glassbox.sandbox.LabLimits}).
         */
        @WithDefault("16")
        int namespaces();

        /**
         * Mounts per mount namespace, machine-wide: the server lowers {@code fs.mount-max} to this at start
         * (never raises it); 0 leaves it alone.
         */
        @WithDefault("2048")
        int mountMax();
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

        /** Lab hosts kept started ahead of demand (within max), so a new session starts at once. */
        @WithDefault("2")
        int warm();

        /**
         * Memory that must stay available (MemAvailable) after a new lab host took its memory cap; below that,
         * new sessions are refused with 503 whatever max says.
         */
        @WithDefault("256M")
        MemorySize memoryReserve();
    }

    /** Browser terminals. */
    interface TerminalConfig {
        /** Output kept per terminal, replayed to a reconnecting client. */
        @WithDefault("256K")
        MemorySize scrollback();

        /** Unacknowledged output a client may have in flight before the server stops sending (flow control). */
        @WithDefault("256K")
        MemorySize window();

        /** How long a terminal with no client keeps its shell, so a dropped connection can reattach. */
        @WithDefault("5m")
        Duration grace();

        /** Terminal tabs per session. */
        @WithDefault("8")
        int maxTabs();

        /**
         * Keystroke frames go from Netty to the terminal and output frames to Vert.x's connection directly, not
         * through WebSockets Next's and Vert.x's per-message dispatch (docs/terminal-engine.md); false only to compare.
         */
        @WithDefault("true")
        boolean directFrames();
    }

    /** Recordings of sessions' terminals (docs/recordings.md). */
    interface RecordingConfig {
        /**
         * Which sessions are recorded: {@code workshop} (workshop learners' sessions), {@code all} (every session,
         * anonymous ones too, kept only while they run: for the benchmark) or {@code off}.
         */
        @WithDefault("workshop")
        String enabled();

        /** The most one session's recording keeps, all its terminals together; beyond it the oldest part goes. */
        @WithDefault("4M")
        MemorySize maxSize();

        /** Whether keystrokes are recorded too; off, as they can be passwords. */
        @WithDefault("false")
        boolean input();
    }

    /** Where lessons come from. */
    interface LessonsConfig {
        /**
         * Directories holding lesson folders (NN-slug/lesson.yaml), searched in order; later ones add an
         * instructor's own lessons without a rebuild. Relative paths are relative to the working directory.
         */
        @WithDefault("lessons")
        List<Path> dirs();
    }

    /** The HTTP side. */
    interface WebConfig {
        /**
         * Origins (scheme://host[:port]) whose pages may open terminals, besides the server's own. A browser
         * always sends Origin on a WebSocket; a request without one (a command-line client) is let through
         * to the token check.
         */
        Optional<List<String>> allowedOrigins();

        /**
         * A WebSocket (terminal, dashboard) whose peer has sent nothing for this long is pinged, and again at this
         * interval while it stays silent, so proxies keep it and a dead peer is found out; one that is typing is
         * never pinged. 0 pings never.
         */
        @WithDefault("30s")
        Duration idlePingAfter();
    }

    /**
     * Where workshops, learners and progress are kept. Without a URL, an embedded H2 database in the data dir
     * (db/glassbox.mv.db); with a {@code jdbc:postgresql://} URL, that PostgreSQL database. The properties feed
     * the datasources in application.properties.
     */
    interface DatabaseConfig {
        /** A PostgreSQL JDBC URL, e.g. jdbc:postgresql://127.0.0.1:5432/glassbox; empty: embedded H2. */
        Optional<String> url();

        Optional<String> username();

        Optional<String> password();
    }

    /** Workshops (docs/workshop-api.md). */
    interface WorkshopsConfig {
        /** A learner on one stage for longer than this shows as stuck on the dashboard. */
        @WithDefault("10m")
        Duration stuckAfter();

        /** ... and so does one whose manual checks failed this many times in a row. */
        @WithDefault("3")
        int stuckFailures();

        /** How long a staff member stays signed in. */
        @WithDefault("12h")
        Duration staffSignIn();
    }

    /**
     * Who may start a session (docs/session-api.md, "Admission"): a rate and a cap per client, and the share of
     * glassbox.sessions.max that free (anonymous) sessions may hold, the rest being kept for workshop learners.
     * A workshop learner is a client by learner key, an anonymous caller by address (IPv6: its /64).
     */
    interface AdmissionConfig {
        /**
         * Anonymous sessions (free sandboxes, lessons without a workshop) at once, all callers together. Unset:
         * half of glassbox.sessions.max, rounded down; 0: no free sessions, every lab host is for workshops.
         */
        Optional<Integer> anonymousMax();

        /** Sessions one anonymous address may hold at once (keep it below anonymous-max). */
        @WithDefault("4")
        int perAddressMax();

        /** Session starts one anonymous address may make at once ... */
        @WithDefault("6")
        int perAddressBurst();

        /** ... then one more per this interval. */
        @WithDefault("10s")
        Duration perAddressInterval();

        /** Lab host starts one workshop learner may make at once (taking over a running one is free) ... */
        @WithDefault("10")
        int perLearnerBurst();

        /** ... then one more per this interval. */
        @WithDefault("6s")
        Duration perLearnerInterval();

        /**
         * Reverse proxies whose X-Forwarded-For is believed (addresses or CIDR ranges, e.g. 127.0.0.1,::1). Unset:
         * none, and every caller is its TCP peer. Behind a proxy, set it, or every caller shares the proxy's address.
         */
        Optional<List<String>> trustedProxies();
    }
}
