package io.glassbox.lesson.check;

import java.util.Locale;

/** Small text operations for check messages and the scripts checks run. */
final class Texts {

    private Texts() {
    }

    /**
     * {@code text} as one word for sh(1): single-quoted, each {@code '} written as {@code '\''}. Inside single
     * quotes no character is special (POSIX, Shell Command Language 2.2.2), so a path cannot start a command.
     */
    static String quote(String text) {
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a NUL byte cannot be passed to a command: " + text);
        }
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** At most {@code max} characters, with an ellipsis when cut. */
    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    /** A short quotation of text a learner's file or command produced, on one line. */
    static String excerpt(String text) {
        String line = text.strip().replaceAll("\\s+", " ");
        return line.isEmpty() ? "nothing" : "\"" + shorten(line, 80) + "\"";
    }

    /** "the shell" to "The shell", at the start of a sentence. */
    static String capitalize(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }

    /** "the shell" to "the shell's". */
    static String possessive(String name) {
        return name.endsWith("s") ? name + "'" : name + "'s";
    }

    /** "an" before a vowel letter other than u ("an IPC", "an overlay"), else "a" ("a UTS", "a tmpfs"). */
    static String article(String word) {
        return !word.isEmpty() && "AEIOaeio".indexOf(word.charAt(0)) >= 0 ? "an" : "a";
    }

    /** "1 process", "3 processes". */
    static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }
}
