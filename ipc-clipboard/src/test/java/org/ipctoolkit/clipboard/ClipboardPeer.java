package org.ipctoolkit.clipboard;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.ipctoolkit.testkit.PeerMain;

/**
 * The other process of the clipboard tests. Text travels as UTF-8 hex on the command line and on
 * standard output, so no code page of the command line or the console can change it. Commands:
 * <ul>
 *   <li>{@code set-text HEX}: sets the text, prints {@code SET}, and stays (an X11 owner serves its
 *       data while it lives) until a line arrives on stdin.</li>
 *   <li>{@code write FORMAT BYTES-HEX TEXT-HEX}: registers FORMAT, writes the bytes in it and the text
 *       in one write, prints {@code WRITTEN id}, stays until a line arrives.</li>
 *   <li>{@code set-repeat HEX COUNT}: sets the text repeated COUNT times, prints {@code SET}, stays.</li>
 *   <li>{@code read-text}: prints {@code TEXT hex} or {@code NO-TEXT}.</li>
 *   <li>{@code digest}: prints {@code DIGEST sha-256-of-utf8 length} of the text (for large texts).</li>
 *   <li>{@code read FORMAT}: prints {@code BYTES hex} or {@code ABSENT}.</li>
 *   <li>{@code register FORMAT}: prints {@code ID n}.</li>
 * </ul>
 */
public final class ClipboardPeer {
    private ClipboardPeer() {
    }

    /**
     * @param text a text
     * @return its UTF-8 in hex
     */
    public static String hex(String text) {
        return HexFormat.of().formatHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param hex UTF-8 in hex
     * @return the text
     */
    public static String unhex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    /** @return the SHA-256 of the text's UTF-8 in hex, a space, and its length in chars */
    static String digest(String text) throws java.security.NoSuchAlgorithmException {
        return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8))) + " " + text.length();
    }

    /** @param args see the class description */
    public static void main(String[] args) {
        PeerMain.run(args, ClipboardPeer::run);
    }

    private static void run(String[] args) throws Exception {
        Clipboard c = Clipboard.system();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        switch (args[0]) {
            case "set-text":
                c.setText(unhex(args[1]));
                System.out.println("SET");
                in.readLine();
                break;
            case "write": {
                ClipboardFormat f = c.registerFormat(args[1]);
                c.write(ClipboardContent.builder().bytes(f, HexFormat.of().parseHex(args[2])).text(unhex(args[3])).build());
                System.out.println("WRITTEN " + f.id());
                in.readLine();
                break;
            }
            case "set-repeat":
                c.withTimeout(java.time.Duration.ofSeconds(60)).setText(unhex(args[1]).repeat(Integer.parseInt(args[2])));
                System.out.println("SET");
                in.readLine();
                break;
            case "digest":
                System.out.println("DIGEST " + digest(c.withTimeout(java.time.Duration.ofSeconds(60)).getText()));
                break;
            case "read-text":
                System.out.println(c.readText().map(t -> "TEXT " + hex(t)).orElse("NO-TEXT"));
                break;
            case "read":
                System.out.println(c.read(c.registerFormat(args[1])).map(b -> "BYTES " + HexFormat.of().formatHex(b)).orElse("ABSENT"));
                break;
            case "register":
                System.out.println("ID " + c.registerFormat(args[1]).id());
                break;
            default:
                throw new IllegalArgumentException(args[0]);
        }
    }
}
