package io.glassbox.kernel;

/**
 * The fields of {@code /proc/<pid>/stat} (man 5 proc) that Glassbox uses.
 *
 * @param tpgid the foreground process group of the process's controlling terminal, -1 without one: the
 *              process a learner is typing into is the leader of this group
 * @param startTime clock ticks after boot; with the pid it identifies a process across pid reuse
 */
public record ProcessStat(long pid, String comm, char state, long ppid, long pgrp, long session, int ttyNr,
        long tpgid, long startTime) {

    /** Parses one stat line. The command name may itself contain spaces and parentheses, so the last ')' ends it. */
    public static ProcessStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line: " + line);
        }
        String[] f = line.substring(close + 2).trim().split(" ");
        if (f.length < 20) {
            throw new IllegalArgumentException("short /proc/<pid>/stat line: " + line);
        }
        return new ProcessStat(
                Long.parseLong(line.substring(0, open).trim()),
                line.substring(open + 1, close),
                f[0].charAt(0),
                Long.parseLong(f[1]),
                Long.parseLong(f[2]),
                Long.parseLong(f[3]),
                Integer.parseInt(f[4]),
                Long.parseLong(f[5]),
                Long.parseLong(f[19]));
    }

    public boolean isZombie() {
        return state == 'Z';
    }
}
