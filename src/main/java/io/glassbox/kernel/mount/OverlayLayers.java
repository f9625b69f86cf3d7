package io.glassbox.kernel.mount;

import java.util.List;
import java.util.Optional;

/**
 * The layers of an overlay mount (kernel Documentation/filesystems/overlayfs.rst): read-only lower
 * directories, top first, and optionally the writable upper directory and the work directory.
 */
public record OverlayLayers(List<String> lowerDirs, Optional<String> upperDir, Optional<String> workDir) {

    /** Reads the layers from an overlay mount's super options ({@code lowerdir=a:b,upperdir=u,workdir=w}). */
    public static OverlayLayers fromOptions(List<String> superOptions) {
        List<String> lower = List.of();
        String upper = null;
        String work = null;
        for (String option : superOptions) {
            if (option.startsWith("lowerdir=")) {
                lower = List.of(option.substring("lowerdir=".length()).split("(?<!\\\\):"));
            } else if (option.startsWith("upperdir=")) {
                upper = option.substring("upperdir=".length());
            } else if (option.startsWith("workdir=")) {
                work = option.substring("workdir=".length());
            }
        }
        return new OverlayLayers(lower, Optional.ofNullable(upper), Optional.ofNullable(work));
    }
}
