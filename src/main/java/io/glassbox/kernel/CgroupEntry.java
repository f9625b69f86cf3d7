package io.glassbox.kernel;

import java.util.Arrays;
import java.util.List;

/**
 * One line of {@code /proc/<pid>/cgroup} (man 7 cgroups): {@code hierarchy-ID:controller-list:cgroup-path}.
 * On cgroup v2 the line is {@code 0::/path}; on v1 each hierarchy has a line naming its controllers
 * ({@code 4:memory:/a/b}, or {@code 9:name=systemd:/} for a named hierarchy without controllers).
 */
public record CgroupEntry(int hierarchyId, List<String> controllers, String path) {

    public static CgroupEntry parse(String line) {
        int first = line.indexOf(':');
        int second = line.indexOf(':', first + 1);
        if (first < 0 || second < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/cgroup line: " + line);
        }
        String list = line.substring(first + 1, second);
        return new CgroupEntry(Integer.parseInt(line.substring(0, first)),
                list.isEmpty() ? List.of() : Arrays.asList(list.split(",")),
                line.substring(second + 1));
    }

    /** The cgroup v2 (unified) entry: hierarchy 0 with no controllers listed. */
    public boolean isUnified() {
        return hierarchyId == 0 && controllers.isEmpty();
    }
}
