package io.glassbox.lesson.check;

/**
 * The process a check looks at.
 *
 * @param pid its pid on the machine
 * @param name how results name it: "the shell", "the foreground process (sleep)", "the process httpd"
 */
public record ResolvedTarget(long pid, String name) {
}
