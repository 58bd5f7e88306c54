package org.ipctoolkit.examples;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;

/**
 * Text on its way into the tool and out of it.
 *
 * <h2>In: <code>&#92;uXXXX</code> escapes</h2>
 * A backslash, {@code u} and exactly four hexadecimal digits (either case) stand for that UTF-16 code
 * unit; a character beyond U+FFFF is written as its surrogate pair (<code>&#92;uD83D&#92;uDE00</code>). Nothing
 * else is an escape: a backslash followed by anything else is a backslash ({@code Global\ShareMem}),
 * and a literal <code>&#92;u0041</code> is written <code>&#92;u005cu0041</code>. Decoding is one pass, so the result
 * of an escape is never decoded again. An escape is pure ASCII, so no code page and no locale can
 * lose it. The tool decodes escapes in object names and in {@code --set FIELD=VALUE} (both sides,
 * after splitting at the first {@code =}), and nowhere else: not in {@code --record}, {@code --hex},
 * nor in files.
 *
 * <h2>Out: names quoted for a terminal</h2>
 * {@link #quote(String)} puts a name in double quotes and writes as <code>&#92;uXXXX</code> every character a
 * terminal would act on rather than show (C0 and C1 controls such as ESC, DEL, format characters such
 * as the right-to-left override, line and paragraph separators), unpaired surrogates, and characters
 * the output's charset cannot show; a literal <code>&#92;u</code> sequence gets its backslash escaped. The
 * quoted text, without its quotes, decodes back to the same name, so it can be pasted into the next
 * command.
 */
final class CliText {
    /** The charset the tool's standard output is written in (as picocli chooses it). */
    static final Charset OUTPUT = outputCharset();

    private CliText() {
    }

    private static Charset outputCharset() {
        String encoding = System.getProperty("sun.stdout.encoding");
        try {
            return encoding != null ? Charset.forName(encoding) : Charset.defaultCharset();
        } catch (IllegalArgumentException e) {
            return Charset.defaultCharset();
        }
    }

    /**
     * Decodes <code>&#92;uXXXX</code> escapes (see the class description).
     *
     * @param text text as typed
     * @return the text with each escape replaced by its character
     */
    static String decodeEscapes(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (isEscape(text, i)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else {
                out.append(text.charAt(i));
            }
        }
        return out.toString();
    }

    /** @return whether an escape <code>&#92;uXXXX</code> starts at index {@code i} */
    private static boolean isEscape(String text, int i) {
        if (text.charAt(i) != '\\' || i + 6 > text.length() || text.charAt(i + 1) != 'u') {
            return false;
        }
        for (int k = i + 2; k < i + 6; k++) {
            char c = text.charAt(k);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Quotes a name for the tool's output (see the class description).
     *
     * @param name the name
     * @return the name in double quotes, escaped for the output's charset
     */
    static String quote(String name) {
        return quote(name, OUTPUT);
    }

    /**
     * Quotes a name for output in a given charset (see the class description).
     *
     * @param name    the name
     * @param charset the charset the output is written in
     * @return the name in double quotes, escaped
     */
    static String quote(String name, Charset charset) {
        return "\"" + escape(name, charset.newEncoder()) + "\"";
    }

    /**
     * Writes every character outside printable ASCII as <code>&#92;uXXXX</code>: what to type on a command
     * line that cannot carry the characters themselves.
     *
     * @param text any text
     * @return the same text in printable ASCII, which {@link #decodeEscapes} turns back into {@code text}
     */
    static String escapeNonAscii(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7F && !isEscape(text, i)) {
                out.append(c);
            } else {
                appendEscape(out, c);
            }
        }
        return out.toString();
    }

    /**
     * Makes a message safe for a terminal: every control and format character except the line feed is
     * written as <code>&#92;uXXXX</code>. For messages that may hold names the tool did not quote itself
     * (picocli's, a library's).
     *
     * @param message a message
     * @return the message with nothing a terminal would act on
     */
    static String sanitize(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c != '\n' && isActive(c)) {
                appendEscape(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Replaces each quoted occurrence of {@code name} in a library's message ({@code "NAME"}, as
     * {@code IpcException} writes it) with {@link #quote(String)}, then {@link #sanitize}s the rest.
     *
     * @param message a message
     * @param names   the names the command was given
     * @return the message, safe for a terminal
     */
    static String relay(String message, Iterable<String> names) {
        String out = message;
        for (String name : names) {
            out = out.replace("\"" + name + "\"", quote(name));
        }
        return sanitize(out);
    }

    private static String escape(String text, CharsetEncoder encoder) {
        StringBuilder out = new StringBuilder(text.length() + 2);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                String pair = text.substring(i, i + 2);
                if (encoder.canEncode(pair) && Character.isDefined(pair.codePointAt(0))) {
                    out.append(pair);
                } else {
                    appendEscape(out, c);
                    appendEscape(out, text.charAt(i + 1));
                }
                i++;
            } else if (isActive(c) || Character.isSurrogate(c) || isEscape(text, i) || !encoder.canEncode(c)) {
                appendEscape(out, c);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** @return whether a terminal would act on {@code c} rather than show it */
    private static boolean isActive(char c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static void appendEscape(StringBuilder out, char c) {
        out.append(String.format("\\u%04x", (int) c));
    }
}
