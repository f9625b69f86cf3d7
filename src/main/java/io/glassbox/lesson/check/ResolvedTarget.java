package io.glassbox.lesson.check;

/**
 * The process a check looks at.
 *
 * @param pid its pid on the machine
 * @param label how results name it: "the shell", "the foreground process (sleep)", "the process httpd"
 */
public record ResolvedTarget(long pid, Phrase label) {

    /** The English name, as the kernel panel and logs show it. */
    public String name() {
        return label.en();
    }
}
