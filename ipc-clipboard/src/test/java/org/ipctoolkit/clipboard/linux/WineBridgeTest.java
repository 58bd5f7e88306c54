package org.ipctoolkit.clipboard.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.ipctoolkit.clipboard.Clipboard;
import org.ipctoolkit.clipboard.ClipboardContent;
import org.ipctoolkit.clipboard.ClipboardFormat;
import org.ipctoolkit.clipboard.ClipboardPeer;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * The clipboard across the Wine bridge: a Windows JVM under Wine (the Win32 backend) and this Linux
 * JVM (the X11 backend) on the same X server exchange text and a registered format both ways, and
 * {@code xclip} reads what the Windows side wrote. Wine shows every Windows clipboard format as an X11
 * target of the same name. Linux only: it runs Wine from Linux. It needs the paths scripts/test passes
 * ({@code -Dipctoolkit.wine.java}, {@code -Dipctoolkit.wine.prefix}, after scripts/setup-windows);
 * without them it is skipped, saying so.
 */
@Tag("linux-only")
class WineBridgeTest {
    private static final Clipboard CLIPBOARD = Clipboard.system().withTimeout(Duration.ofSeconds(20));
    private static String windowsJava;
    private static String prefix;

    @BeforeAll
    static void paths() {
        windowsJava = System.getProperty("ipctoolkit.wine.java");
        prefix = System.getProperty("ipctoolkit.wine.prefix");
        assumeTrue(windowsJava != null && prefix != null && Files.exists(Path.of(windowsJava)),
                "the Wine bridge test needs -Dipctoolkit.wine.java and -Dipctoolkit.wine.prefix (scripts/test passes them)");
    }

    private static String windowsPath(String unix) {
        return "Z:" + unix.replace('/', '\\');
    }

    /** Starts ClipboardPeer under Wine with this JVM's class path in Windows form. */
    private static ChildProcess windowsPeer(String... args) {
        List<String> cmd = new ArrayList<>(List.of("env", "WINEPREFIX=" + prefix, "WINEDEBUG=-all", "WINEDLLOVERRIDES=mscoree,mshtml=",
                "wine", windowsJava, "-Dfile.encoding=UTF-8", "-cp"));
        List<String> cp = new ArrayList<>();
        for (String p : System.getProperty("java.class.path").split(":")) {
            if (!p.isEmpty()) {
                cp.add(windowsPath(p));
            }
        }
        cmd.add(String.join(";", cp));
        cmd.add(ClipboardPeer.class.getName());
        cmd.addAll(List.of(args));
        return ChildProcess.start("windows-peer", cmd);
    }

    private static String xclipText() throws Exception {
        Process p = new ProcessBuilder("xclip", "-selection", "clipboard", "-o").start();
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void textAndARegisteredFormatFromWindowsUnderWineReachLinux() throws Exception {
        String name = TestNames.unique("IpcWineBridge");
        byte[] bytes = {1, 2, 3, 0, (byte) 0xfe};
        try (ChildProcess w = windowsPeer("write", name, HexFormat.of().formatHex(bytes), ClipboardPeer.hex("from Wine: 剪贴板"))) {
            w.awaitLine("WRITTEN", Duration.ofSeconds(120));
            ClipboardFormat f = CLIPBOARD.registerFormat(name);
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            // Wine's clipboard manager announces the new content to X11 a moment after CloseClipboard
            while (!CLIPBOARD.isAvailable(f) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertArrayEquals(bytes, java.util.Arrays.copyOf(CLIPBOARD.read(f).orElseThrow(), bytes.length));
            assertEquals("from Wine: 剪贴板", CLIPBOARD.getText());
            assertEquals("from Wine: 剪贴板", xclipText(), "xclip reads it too");
            w.send("");
            w.waitFor(Duration.ofSeconds(60));
        }
    }

    @Test
    void textAndARegisteredFormatFromLinuxReachWindowsUnderWine() {
        String name = TestNames.unique("IpcWineBridge");
        byte[] bytes = {9, 8, 7, 0, 6};
        ClipboardFormat f = CLIPBOARD.registerFormat(name);
        CLIPBOARD.write(ClipboardContent.builder().bytes(f, bytes).text("from Linux: 共享 ✓").build());
        try (ChildProcess w = windowsPeer("read-text")) {
            assertEquals("TEXT " + ClipboardPeer.hex("from Linux: 共享 ✓"), w.awaitLine("TEXT", Duration.ofSeconds(120)));
        }
        try (ChildProcess w = windowsPeer("read", name)) {
            String line = w.awaitLine("BYTES", Duration.ofSeconds(120));
            assertEquals(HexFormat.of().formatHex(bytes), line.substring(6, 6 + 2 * bytes.length), line);
        }
    }
}
