package io.glassbox.lesson.check;

import io.glassbox.kernel.NamespaceType;
import io.glassbox.lesson.model.CheckSpec.FileCheck;
import java.util.EnumSet;

/**
 * A file in the target's view of the filesystem. The server never reads it through /proc/pid/root: a learner
 * could plant a symbolic link there (/tmp/x -> /etc/shadow) and the server, as the machine's root, would follow
 * it into the machine's files. Instead a child joins the target's user and mount namespaces (nsenter also takes
 * the target's root directory), so the lab's root does the looking and every link resolves inside the lab.
 * The script uses only POSIX sh and busybox-compatible tools, since the target's /bin/sh may be busybox.
 */
final class FileChecker implements Checker<FileCheck> {

    /** Only this much of a file is read for {@code contains}: enough for any config file a lesson names. */
    static final int READ_LIMIT = 65536;

    @Override
    public CheckResult check(FileCheck spec, CheckContext context) {
        String path = spec.path();
        Phrase where = Phrase.of(" in " + Texts.possessive(context.targetName()) + " filesystem",
                "（在" + context.target().zh() + "的文件系统里）");
        String out = CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.USER, NamespaceType.MNT),
                script(path, spec.contains() != null)), Phrase.of("looking at ", "查看 ").plus(path).plus(where))
                .stdout();
        FileFacts facts = FileFacts.parse(out);
        Phrase missing = Phrase.of(path + " does not exist", path + " 不存在");
        if (Boolean.FALSE.equals(spec.exists())) {
            return new Verdict(Phrase.of("no " + path, "没有 " + path).plus(where)).precondition(!facts.exists(),
                    facts.exists() ? Phrase.of(path + " still exists (", path + " 仍然存在（").plus(facts.describe())
                            .plus(")", "）") : missing)
                    .result(Checks.idOf(spec));
        }
        Verdict verdict = new Verdict(Phrase.literal(path).plus(where));
        boolean more = spec.contains() != null || spec.whiteout() != null;
        verdict.precondition(facts.exists(), facts.exists() ? (more ? null : Phrase.of(path + " exists", path + " 存在"))
                : facts.dangling() ? Phrase.of(path + " is a symbolic link to a file that does not exist",
                        path + " 是一个符号链接，指向的文件不存在")
                : missing);
        if (spec.contains() != null) {
            addContains(verdict, spec, facts);
        }
        if (spec.whiteout() != null) {
            addWhiteout(verdict, spec, facts);
        }
        return verdict.result(Checks.idOf(spec));
    }

    private static void addContains(Verdict verdict, FileCheck spec, FileFacts facts) {
        String text = "\"" + spec.contains() + "\"";
        Phrase wanted = Phrase.of("containing " + text, "包含 " + text);
        if (!facts.exists()) {
            verdict.want(wanted);
        } else if (!facts.regular()) {
            verdict.require(wanted, false, Phrase.of(spec.path() + " is ", spec.path() + " 是").plus(facts.describe())
                    .plus(", not a regular file", "，不是普通文件"));
        } else {
            boolean has = facts.content().contains(spec.contains());
            verdict.require(wanted, has, has ? Phrase.of(spec.path() + " contains " + text, spec.path() + " 包含 " + text)
                    : Phrase.of(spec.path() + " holds ", spec.path() + " 的内容是").plus(Texts.quoted(facts.content()))
                            .plus(", without " + text, "，没有 " + text));
        }
    }

    private static void addWhiteout(Verdict verdict, FileCheck spec, FileFacts facts) {
        Phrase wanted = spec.whiteout() ? Phrase.of("an overlay whiteout (a character device 0/0)",
                "是 overlay 的 whiteout（0/0 字符设备）") : Phrase.of("not a whiteout", "不是 whiteout");
        if (!facts.exists()) {
            verdict.want(wanted);
            return;
        }
        boolean whiteout = facts.isWhiteout();
        verdict.require(wanted, whiteout == spec.whiteout(), whiteout
                ? Phrase.of(spec.path() + " is a character device 0/0, a whiteout", spec.path() + " 是 0/0 字符设备，即"
                        + " whiteout")
                : Phrase.of(spec.path() + " is ", spec.path() + " 是").plus(facts.describe()).plus(spec.whiteout()
                        ? Phrase.of(", not a whiteout (in the merged view a whiteout hides the file: look in the upper"
                                + " directory)", "，不是 whiteout（在合并视图里 whiteout 会把文件藏起来：去上层目录里看）")
                        : Phrase.EMPTY));
    }

    /** Prints: present|dangling|missing, then lstat's "type|major|minor", then regular|other and the content. */
    static String script(String path, boolean withContent) {
        String p = Texts.quote(path);
        return "p=" + p + "\n"
                + "if [ -e \"$p\" ]; then echo present; elif [ -L \"$p\" ]; then echo dangling; else echo missing; fi\n"
                + "stat -c '%F|%t|%T' \"$p\" 2>/dev/null || echo 'nothing|-|-'\n"
                + "if [ -f \"$p\" ]; then echo regular; " + (withContent ? "head -c " + READ_LIMIT + " \"$p\"; " : "")
                + "else echo other; fi\n"
                + "exit 0\n";
    }

    /** What the script found. */
    record FileFacts(String status, String type, String major, String minor, boolean regular, String content) {

        static FileFacts parse(String out) {
            String[] lines = out.split("\n", 4);
            if (lines.length < 3) {
                throw new CheckException(Phrase.of("unexpected output from the file check: ", "文件检查的输出出乎意料：")
                        .plus(Texts.excerpt(out)));
            }
            String[] stat = lines[1].split("\\|", -1);
            return new FileFacts(lines[0].strip(), stat[0], stat.length > 1 ? stat[1] : "-",
                    stat.length > 2 ? stat[2] : "-", lines[2].strip().equals("regular"),
                    lines.length > 3 ? lines[3] : "");
        }

        boolean exists() {
            return status.equals("present");
        }

        /** "a regular file", "a directory", "a character special file"; stat's words, kept in Chinese too. */
        Phrase describe() {
            String zh = switch (type) {
                case "regular file", "regular empty file" -> "普通文件";
                case "directory" -> "目录";
                case "symbolic link" -> "符号链接";
                case "character special file" -> "字符设备文件";
                case "block special file" -> "块设备文件";
                case "fifo" -> "FIFO";
                case "socket" -> "套接字";
                default -> type;
            };
            return Phrase.of(Texts.article(type) + " " + type, zh);
        }

        boolean dangling() {
            return status.equals("dangling");
        }

        /** overlayfs marks a deleted lower file with a 0/0 character device in the upper layer (overlayfs.rst). */
        boolean isWhiteout() {
            return type.equals("character special file") && major.equals("0") && minor.equals("0");
        }
    }
}
