package io.glassbox.testing;

import io.glassbox.sandbox.FileTrees;
import io.glassbox.sandbox.IsolationMode;
import io.glassbox.sandbox.LabHost;
import io.glassbox.sandbox.Sandbox;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real sandbox per test class, in a data dir of its own, closed and deleted after the class:
 * {@code @RegisterExtension static SandboxExtension lab = new SandboxExtension(IsolationMode.USERNS, 1_600_000_000L);}
 * Each class passes its own uid base so classes never share uid ranges. Skips the class unless run as root.
 * Lab hosts made with {@link #newHost(String)} are destroyed after each test.
 */
public final class SandboxExtension implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {

    private final IsolationMode isolation;
    private final long uidBase;
    private Path dataDir;
    private Sandbox sandbox;
    private final List<LabHost> hosts = new ArrayList<>();

    public SandboxExtension(IsolationMode isolation, long uidBase) {
        this.isolation = isolation;
        this.uidBase = uidBase;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        KernelTests.assumeRoot();
        dataDir = KernelTests.newDataDir();
        sandbox = KernelTests.open(KernelTests.settings(dataDir, isolation, uidBase));
    }

    /** A new lab host {@code id}, destroyed after the test. */
    public LabHost newHost(String id) {
        LabHost host = sandbox.create(id);
        hosts.add(host);
        return host;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            hosts.forEach(sandbox::destroy);
        } finally {
            hosts.clear();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        try {
            if (sandbox != null) {
                sandbox.close();
            }
        } finally {
            FileTrees.delete(dataDir);
        }
    }

    public Sandbox sandbox() {
        return sandbox;
    }

    public Path dataDir() {
        return dataDir;
    }
}
