package org.ipctoolkit.clipboard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.testkit.ChildProcess;
import org.junit.jupiter.api.Test;

/**
 * Text on the clipboard, in one process and between two, on both platforms: ASCII, Chinese, emoji and
 * 10 MB (the X11 side moves it by INCR), and {@code clear()}.
 */
class ClipboardTextTest {
    private static final String[] TEXTS = {"hello, clipboard", "共享内存 剪贴板", "emoji 😀🎉 and ✓", "line one\r\nline two\ttab"};
    private static final Clipboard CLIPBOARD = Clipboard.system();

    @Test
    void textRoundTripsInOneProcess() {
        for (String t : TEXTS) {
            CLIPBOARD.setText(t);
            assertEquals(t, CLIPBOARD.getText());
            assertTrue(CLIPBOARD.isAvailable(ClipboardFormat.UNICODE_TEXT));
        }
    }

    @Test
    void textSetByAnotherProcessIsReadHere() {
        for (String t : TEXTS) {
            try (ChildProcess writer = ChildProcess.startJava(ClipboardPeer.class, "set-text", ClipboardPeer.hex(t))) {
                writer.awaitLine("SET");
                assertEquals(t, CLIPBOARD.getText());
                writer.send("");
                assertEquals(0, writer.waitFor(Duration.ofSeconds(30)), writer.transcript());
            }
        }
    }

    @Test
    void textSetHereIsReadByAnotherProcess() {
        for (String t : TEXTS) {
            CLIPBOARD.setText(t);
            try (ChildProcess reader = ChildProcess.startJava(ClipboardPeer.class, "read-text")) {
                assertEquals("TEXT " + ClipboardPeer.hex(t), reader.awaitLine("TEXT"));
            }
        }
    }

    @Test
    void tenMegabytesOfTextCrossBothWays() throws Exception {
        String unit = "0123456789abcdef中";
        int count = 10_000_000 / unit.length();
        String big = unit.repeat(count);
        Clipboard patient = CLIPBOARD.withTimeout(Duration.ofSeconds(60));
        patient.setText(big);
        try (ChildProcess reader = ChildProcess.startJava(ClipboardPeer.class, "digest")) {
            assertEquals("DIGEST " + ClipboardPeer.digest(big), reader.awaitLine("DIGEST"), "read by another process");
        }
        try (ChildProcess writer = ChildProcess.startJava(ClipboardPeer.class, "set-repeat", ClipboardPeer.hex(unit), String.valueOf(count))) {
            writer.awaitLine("SET");
            assertEquals(ClipboardPeer.digest(big), ClipboardPeer.digest(patient.getText()), "written by another process");
            writer.send("");
            assertEquals(0, writer.waitFor(Duration.ofSeconds(30)), writer.transcript());
        }
        CLIPBOARD.clear();
        assertEquals("", CLIPBOARD.getText(), "clear() empties the clipboard");
        assertTrue(CLIPBOARD.readText().isEmpty());
        assertTrue(CLIPBOARD.availableFormats().isEmpty(), CLIPBOARD.availableFormats().toString());
    }
}
