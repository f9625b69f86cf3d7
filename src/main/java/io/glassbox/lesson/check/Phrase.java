package io.glassbox.lesson.check;

import java.util.List;
import java.util.Locale;

/**
 * Words a learner reads in a check result, in both languages lessons come in: English and Simplified Chinese.
 * Checkers build their expected and observed phrases from pieces, so a phrase is built the same way: pieces in
 * both languages joined side by side ({@link #plus}), and literals such as a path or a command that read the same
 * in either ({@link #literal}). A result is rendered in the reader's language only when it is sent.
 */
public record Phrase(String en, String zh) {

    public static final Phrase EMPTY = new Phrase("", "");

    public Phrase {
        en = en == null ? "" : en;
        zh = zh == null ? "" : zh;
    }

    public static Phrase of(String en, String zh) {
        return new Phrase(en, zh);
    }

    /** Words that read the same in every language: a path, a command, an interface name, a kernel message. */
    public static Phrase literal(String text) {
        return new Phrase(text, text);
    }

    public Phrase plus(Phrase more) {
        return new Phrase(en + more.en, joinChinese(zh, more.zh));
    }

    /** Appends the same text to both languages. */
    public Phrase plus(String literal) {
        return plus(literal(literal));
    }

    /** Appends different words per language. */
    public Phrase plus(String moreEn, String moreZh) {
        return plus(of(moreEn, moreZh));
    }

    /**
     * Chinese text sets Latin words and numbers off from the characters around them with a space ("shell 仍在",
     * "在 /proc 里"), as Chinese technical writing does; pieces joined here get that space where they meet.
     */
    static String joinChinese(String left, String right) {
        if (left.isEmpty() || right.isEmpty()) {
            return left + right;
        }
        char before = left.charAt(left.length() - 1);
        char after = right.charAt(0);
        boolean space = isHan(before) && isLatin(after) || isLatin(before) && isHan(after);
        return space ? left + " " + right : left + right;
    }

    private static boolean isHan(char c) {
        return Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN;
    }

    private static boolean isLatin(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '/' || c == '`' || c == '"' || c == '-');
    }

    public boolean isEmpty() {
        return en.isEmpty() && zh.isEmpty();
    }

    /** {@code parts} joined by {@code separator}, in each language. */
    public static Phrase join(Phrase separator, List<Phrase> parts) {
        StringBuilder en = new StringBuilder();
        StringBuilder zh = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                en.append(separator.en);
                zh.append(separator.zh);
            }
            en.append(parts.get(i).en);
            zh.append(parts.get(i).zh);
        }
        return new Phrase(en.toString(), zh.toString());
    }

    /** The phrase in {@code language} (a BCP 47 tag): any Chinese tag reads the Chinese, anything else English. */
    public String in(String language) {
        return isChinese(language) ? zh : en;
    }

    static boolean isChinese(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("zh");
    }

    /** English, for logs and the lesson runner's table. */
    @Override
    public String toString() {
        return en;
    }
}
