package io.glassbox.lesson.check;

import io.glassbox.host.CommandResult;
import io.glassbox.host.CommandRunner;
import io.glassbox.kernel.NamespaceId;
import io.glassbox.kernel.NamespaceType;
import io.glassbox.kernel.ProcFs;
import io.glassbox.kernel.cgroup.CgroupDriver;
import io.glassbox.kernel.cgroup.CgroupNode;
import io.glassbox.kernel.cgroup.Controller;
import io.glassbox.kernel.mount.MountEntry;
import io.glassbox.sandbox.LabHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Reads a {@link KernelState} cheaply enough to poll: /proc and cgroup files from the machine's side, plus one
 * child process that joins the target's UTS and network namespaces and prints the hostname and
 * {@code ip -j -d addr show} together.
 */
public final class KernelStateReader {

    private static final String MARK = "--glassbox-ip--";

    private final ProcFs proc;
    private final CgroupDriver cgroups;
    private final CommandRunner commands;

    public KernelStateReader(ProcFs proc, CgroupDriver cgroups, CommandRunner commands) {
        this.proc = proc;
        this.cgroups = cgroups;
        this.commands = commands;
    }

    /** The state of {@code targetPid} in {@code lab}; a target that has exited is a {@link TargetNotFoundException}. */
    public KernelState read(LabHost lab, long targetPid, Phrase target) {
        String targetName = target.en();
        CheckContext context = new CheckContext(lab, targetPid, target, proc, cgroups, commands, null);
        try {
            List<KernelState.Namespace> namespaces = namespaces(lab, targetPid);
            List<Long> chain = proc.nsPids(targetPid);
            CommandResult names = context.inTarget(EnumSet.of(NamespaceType.UTS, NamespaceType.NET),
                    "hostname; echo " + MARK + "; ip -j -d addr show");
            String hostname = null;
            List<KernelState.Interface> interfaces = List.of();
            int mark = names.stdout().indexOf(MARK + "\n");
            if (names.succeeded() && mark >= 0) {
                hostname = names.stdout().substring(0, mark).strip();
                interfaces = interfaces(names.stdout().substring(mark + MARK.length() + 1));
            }
            return new KernelState(targetName, targetPid, chain.get(chain.size() - 1), namespaces, hostname,
                    root(context), memory(context, targetPid), interfaces);
        } catch (NoSuchFileException e) {
            throw new TargetNotFoundException(target.plus(" has exited", " 已经退出"));
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof NoSuchFileException) {
                throw new TargetNotFoundException(target.plus(" has exited", " 已经退出"));
            }
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<KernelState.Namespace> namespaces(LabHost lab, long targetPid) throws IOException {
        Map<NamespaceType, NamespaceId> mine = proc.namespaces(targetPid);
        Map<NamespaceType, NamespaceId> host = proc.namespaces(lab.initPid());
        List<KernelState.Namespace> result = new ArrayList<>();
        for (NamespaceType type : NamespaceType.values()) {
            NamespaceId id = mine.get(type);
            NamespaceId labId = host.get(type);
            if (id != null && labId != null) {
                result.add(new KernelState.Namespace(type.procName(), id.equals(labId), id.toString(),
                        labId.toString()));
            }
        }
        return List.copyOf(result);
    }

    private static KernelState.RootFilesystem root(CheckContext context) {
        String jail = context.targetRootLink();
        return context.mountTable(context.targetPid()).root().map(m -> rootOf(m, jail))
                .orElse(new KernelState.RootFilesystem(null, null, null, null, jail));
    }

    private static KernelState.RootFilesystem rootOf(MountEntry mount, String jail) {
        Integer layers = mount.overlay().map(o -> o.lowerDirs().size()).orElse(null);
        return new KernelState.RootFilesystem(mount.fsType(), mount.source(), mount.root(), layers, jail);
    }

    /** Null where the machine has no memory controller (a cgroup v2 machine without it enabled). */
    private KernelState.Memory memory(CheckContext context, long targetPid) {
        if (!cgroups.controllers().contains(Controller.MEMORY)) {
            return null;
        }
        CgroupNode node = cgroups.cgroupOf(targetPid);
        OptionalLong max = cgroups.memory().readMax(node);
        return new KernelState.Memory(CgroupChecker.where(context, node, Controller.MEMORY).en(),
                max.isPresent() ? max.getAsLong() : null, cgroups.memory().readCurrent(node));
    }

    private static List<KernelState.Interface> interfaces(String json) {
        try {
            return IpJson.links(json).stream()
                    .map(l -> new KernelState.Interface(l.name(), l.kind(), l.up(), l.addresses())).toList();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
