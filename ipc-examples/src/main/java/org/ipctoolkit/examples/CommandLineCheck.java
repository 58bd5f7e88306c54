package org.ipctoolkit.examples;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.ipctoolkit.core.Platform;

/**
 * Finds arguments that lost characters before {@code main} saw them, so that the tool refuses them
 * instead of creating an object named {@code ??} or writing {@code 3F 3F} into a record.
 *
 * <ul>
 *   <li><b>Any system:</b> the JVM decodes its command line in the locale's charset
 *       ({@code sun.jnu.encoding}). Bytes that charset cannot decode become U+FFFD. If the charset
 *       has no U+FFFD of its own (US-ASCII under {@code LANG=C}, ISO-8859-x, the Windows code pages),
 *       a U+FFFD in an argument can only be such a loss.</li>
 *   <li><b>Windows:</b> the Java launcher reads the command line in the ANSI code page, where
 *       characters the code page lacks become {@code ?} or a look-alike ("best fit"), silently. The
 *       UTF-16 command line ({@code GetCommandLineW}, split by {@code CommandLineToArgvW}) still has
 *       them: an argument that differs from its UTF-16 twin by characters the code page lacks lost
 *       them.</li>
 * </ul>
 */
final class CommandLineCheck {
    private CommandLineCheck() {
    }

    /**
     * Checks this process's arguments.
     *
     * @param args the arguments of {@code main}
     * @return what was lost and what to do instead, or null if nothing was lost (or it cannot be told)
     */
    static String problem(String[] args) {
        Charset charset = commandLineCharset();
        String problem = undecodable(args, charset);
        if (problem != null || !Platform.current().isWindows()) {
            return problem;
        }
        List<String> wide;
        try {
            wide = WindowsCommandLine.arguments();
        } catch (LinkageError | RuntimeException e) {
            return null;   // no way to compare: nothing is known to be lost
        }
        return lost(args, wide, charset);
    }

    /** @return the charset the JVM decoded its command line with */
    static Charset commandLineCharset() {
        for (String property : new String[] {"sun.jnu.encoding", "native.encoding"}) {
            String name = System.getProperty(property);
            if (name != null && Charset.isSupported(name)) {
                return Charset.forName(name);
            }
        }
        return Charset.defaultCharset();
    }

    /**
     * Finds an argument with a U+FFFD that decoding put there.
     *
     * @param args    the arguments
     * @param charset the charset they were decoded with
     * @return the problem, or null
     */
    static String undecodable(String[] args, Charset charset) {
        if (charset.newEncoder().canEncode('\uFFFD')) {
            return null;   // UTF-8, GB18030, ...: a U+FFFD may have been typed
        }
        for (int i = 0; i < args.length; i++) {
            if (args[i].indexOf('\uFFFD') >= 0) {
                return "argument " + (i + 1) + describe(args, i) + " " + CliText.quote(args[i])
                        + " could not be decoded: Java reads its command line in " + charset.name()
                        + " (the locale's charset, sun.jnu.encoding), which lacks some of its characters, and"
                        + " put U+FFFD in their place. Run the tool under a UTF-8 locale (for example"
                        + " LANG=C.UTF-8), or write those characters as \\uXXXX escapes (\\u5f20 for U+5F20)";
            }
        }
        return null;
    }

    /**
     * Compares the arguments with the UTF-16 command line (see the class description).
     *
     * @param args the arguments of {@code main}
     * @param wide the UTF-16 command line split into arguments, the program first
     * @param ansi the code page the arguments were decoded in
     * @return the problem, or null
     */
    static String lost(String[] args, List<String> wide, Charset ansi) {
        CharsetEncoder encoder = ansi.newEncoder();
        int offset = wide.size() - args.length;
        if (offset >= 1) {
            // main's arguments are the last ones: the launcher's own come first.
            for (int i = 0; i < args.length; i++) {
                String original = wide.get(offset + i);
                List<String> missing = missing(original, encoder);
                if (!original.equals(args[i]) && !missing.isEmpty()) {
                    return "argument " + (i + 1) + describe(args, i) + " lost characters before the tool saw it:"
                            + " the Windows command line has \"" + CliText.escapeNonAscii(original) + "\""
                            + ", but Java decoded it in the ANSI code page " + ansi.name() + ", which lacks "
                            + String.join(", ", missing) + ", and passed " + CliText.quote(args[i]) + ". "
                            + advice(original);
                }
            }
            return null;
        }
        // The launcher made more arguments than the command line has (wildcards): report any loss.
        for (int k = 1; k < wide.size(); k++) {
            String original = wide.get(k);
            List<String> missing = missing(original, encoder);
            if (!missing.isEmpty() && Arrays.stream(args).noneMatch(original::equals)) {
                return "the Windows command line has \"" + CliText.escapeNonAscii(original) + "\""
                        + ", but Java decoded it in the ANSI code page " + ansi.name() + ", which lacks "
                        + String.join(", ", missing) + ". " + advice(original);
            }
        }
        return null;
    }

    private static String advice(String original) {
        return "Type \"" + CliText.escapeNonAscii(original) + "\" instead (\\uXXXX escapes are"
                + " decoded in names and in --set), or put the values in a UTF-8 file of FIELD=VALUE lines"
                + " and pass --values FILE";
    }

    /** @return " (the value of --option)" when the argument follows an option, else "" */
    private static String describe(String[] args, int i) {
        if (i > 0 && args[i - 1].startsWith("-") && args[i - 1].indexOf('=') < 0 && !args[i].startsWith("-")) {
            return " (the value of " + args[i - 1] + ")";
        }
        return "";
    }

    /** @return the characters of {@code text} the encoder cannot encode, as {@code U+XXXX}, each once */
    private static List<String> missing(String text, CharsetEncoder encoder) {
        List<String> missing = new ArrayList<>();
        text.codePoints().distinct().forEach(cp -> {
            if (!encoder.canEncode(new String(Character.toChars(cp)))) {
                missing.add(String.format("U+%04X", cp));
            }
        });
        return missing;
    }
}
