package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
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

    /**
     * A mistake of the lesson itself (a URL, a chain or a sysctl name a checker cannot use): said in English, for
     * the lesson's author, behind a Chinese note that the lesson is at fault, not the learner.
     */
    static Phrase lessonMistake(String english) {
        return Phrase.of(english, "课程本身有误（请告诉课程作者）：" + english);
    }

    /**
     * The kind of a namespace in both languages: "UTS" / " UTS ", "mount" / "挂载", to stand before "namespace" /
     * "命名空间" (the Chinese of a Latin name carries its own spaces).
     */
    static Phrase namespaceKind(NamespaceType type) {
        String zh = switch (type) {
            case MNT -> "挂载";
            case NET -> "网络";
            case USER -> "用户";
            case TIME -> "时间";
            default -> " " + type.displayName() + " "; // Latin inside Chinese text is set off by spaces
        };
        return Phrase.of(type.displayName(), zh);
    }

    /** A short quotation of what a learner's file or command produced, in both languages ("nothing" / "空"). */
    static Phrase quoted(String text) {
        String excerpt = excerpt(text);
        return excerpt.equals("nothing") ? Phrase.of("nothing", "空内容") : Phrase.literal(excerpt);
    }
}
