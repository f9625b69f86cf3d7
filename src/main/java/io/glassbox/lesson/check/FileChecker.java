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
        String where = " in " + Texts.possessive(context.targetName()) + " filesystem";
        String out = CheckException.requireRan(context.inTarget(EnumSet.of(NamespaceType.USER, NamespaceType.MNT),
                script(path, spec.contains() != null)), "looking at " + path + where).stdout();
        FileFacts facts = FileFacts.parse(out);
        if (Boolean.FALSE.equals(spec.exists())) {
            return new Verdict("no " + path + where).precondition(!facts.exists(), facts.exists()
                    ? path + " still exists (" + facts.describe() + ")" : path + " does not exist")
                    .result(Checks.idOf(spec));
        }
        Verdict verdict = new Verdict(path + where);
        boolean more = spec.contains() != null || spec.whiteout() != null;
        verdict.precondition(facts.exists(), facts.exists() ? (more ? null : path + " exists")
                : facts.dangling() ? path + " is a symbolic link to a file that does not exist"
                : path + " does not exist");
        if (spec.contains() != null) {
            addContains(verdict, spec, facts);
        }
        if (spec.whiteout() != null) {
            addWhiteout(verdict, spec, facts);
        }
        return verdict.result(Checks.idOf(spec));
    }

    private static void addContains(Verdict verdict, FileCheck spec, FileFacts facts) {
        String wanted = "containing \"" + spec.contains() + "\"";
        if (!facts.exists()) {
            verdict.want(wanted);
        } else if (!facts.regular()) {
            verdict.require(wanted, false, spec.path() + " is " + facts.describe() + ", not a regular file");
        } else {
            boolean has = facts.content().contains(spec.contains());
            verdict.require(wanted, has, spec.path() + (has ? " contains \"" + spec.contains() + "\""
                    : " holds " + Texts.excerpt(facts.content()) + ", without \"" + spec.contains() + "\""));
        }
    }

    private static void addWhiteout(Verdict verdict, FileCheck spec, FileFacts facts) {
        String wanted = spec.whiteout() ? "an overlay whiteout (a character device 0/0)" : "not a whiteout";
        if (!facts.exists()) {
            verdict.want(wanted);
            return;
        }
        boolean whiteout = facts.isWhiteout();
        verdict.require(wanted, whiteout == spec.whiteout(), whiteout
                ? spec.path() + " is a character device 0/0, a whiteout"
                : spec.path() + " is " + facts.describe() + (spec.whiteout() ? ", not a whiteout (in the merged view"
                        + " a whiteout hides the file: look in the upper directory)" : ""));
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
                throw new CheckException("unexpected output from the file check: " + Texts.excerpt(out));
            }
            String[] stat = lines[1].split("\\|", -1);
            return new FileFacts(lines[0].strip(), stat[0], stat.length > 1 ? stat[1] : "-",
                    stat.length > 2 ? stat[2] : "-", lines[2].strip().equals("regular"),
                    lines.length > 3 ? lines[3] : "");
        }

        boolean exists() {
            return status.equals("present");
        }

        /** "a regular file", "a directory", "a character special file". */
        String describe() {
            return Texts.article(type) + " " + type;
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
