package org.ipctoolkit.clipboard.linux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.Pointer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.clipboard.Clipboard;
import org.ipctoolkit.clipboard.ClipboardBusyException;
import org.ipctoolkit.clipboard.ClipboardContent;
import org.ipctoolkit.clipboard.ClipboardFormat;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The X11 side with programs nobody here wrote: {@code xclip} sets text, a custom target and 10 MB
 * (which it sends by INCR) that Java reads, and reads what Java set; an owner that never answers a
 * request makes the reader fail with a clear error at its timeout; an owner that disconnects leaves an
 * empty clipboard. Linux only: these are X11 clients and X11 protocol behaviour (Windows has no
 * selection owner that answers requests).
 */
@Tag("linux-only")
class X11ClipboardTest {
    private static final Clipboard CLIPBOARD = Clipboard.system();

    private static byte[] xclipOut(String... target) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("xclip", "-selection", "clipboard", "-o"));
        if (target.length > 0) {
            cmd.addAll(List.of("-t", target[0]));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    /** xclip -i forks a child that owns the selection; this returns once that child owns it. */
    private static void xclipIn(byte[] data, String... target) throws Exception {
        Path f = Files.createTempFile("xclip", ".bin");
        try {
            Files.write(f, data);
            String t = target.length > 0 ? " -t " + target[0] : "";
            Process p = new ProcessBuilder("sh", "-c", "xclip -selection clipboard" + t + " -i < " + f).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!CLIPBOARD.holder().orElse("").isEmpty() && CLIPBOARD.holder().get().contains("this process")) {
                assertTrue(System.nanoTime() < deadline, "xclip took the clipboard");
                Thread.onSpinWait();
            }
        } finally {
            Files.deleteIfExists(f);
        }
    }

    @Test
    void xclipAndJavaExchangeTextAndACustomTarget() throws Exception {
        xclipIn("from xclip: 剪贴板 😀".getBytes(StandardCharsets.UTF_8));
        assertEquals("from xclip: 剪贴板 😀", CLIPBOARD.getText());
        assertTrue(CLIPBOARD.isAvailable(ClipboardFormat.UNICODE_TEXT));

        String name = TestNames.unique("IpcX11Custom");
        byte[] custom = {0x54, 0x52, 0, 1, 2, (byte) 0x80, (byte) 0xff};
        xclipIn(custom, name);
        ClipboardFormat f = CLIPBOARD.registerFormat(name);
        assertArrayEquals(custom, CLIPBOARD.read(f).orElseThrow());
        assertTrue(CLIPBOARD.availableFormats().contains(f), CLIPBOARD.availableFormats().toString());

        CLIPBOARD.setText("from Java: 共享 ✓");
        assertEquals("from Java: 共享 ✓", new String(xclipOut(), StandardCharsets.UTF_8));
        CLIPBOARD.write(ClipboardContent.builder().bytes(f, custom).text("beside").build());
        assertArrayEquals(custom, xclipOut(name));
        String targets = new String(xclipOut("TARGETS"), StandardCharsets.UTF_8);
        assertTrue(targets.contains(name) && targets.contains("UTF8_STRING"), targets);
    }

    @Test
    void tenMegabytesFromXclipArriveByIncr() throws Exception {
        byte[] big = "ipc-toolkit ".repeat(10_000_000 / 12).getBytes(StandardCharsets.UTF_8);
        xclipIn(big);
        assertEquals(new String(big, StandardCharsets.UTF_8), CLIPBOARD.withTimeout(Duration.ofSeconds(60)).getText());
        CLIPBOARD.setText("b".repeat(10_000_000));
        assertEquals(10_000_000, xclipOut().length, "xclip reads 10 MB from Java (INCR)");
    }

    @Test
    void anOwnerThatNeverAnswersIsAClearErrorAndOneThatLeavesEmptiesTheClipboard() {
        Xlib x = Xlib.X11;
        Pointer d = x.XOpenDisplay(System.getenv("DISPLAY"));
        assertTrue(d != null);
        boolean closed = false;
        try {
            long w = x.XCreateSimpleWindow(d, x.XDefaultRootWindow(d), 0, 0, 1, 1, 0, 0, 0);
            long clipboard = x.XInternAtom(d, "CLIPBOARD", 0);
            x.XSetSelectionOwner(d, clipboard, w, Xlib.CurrentTime);
            x.XSync(d, 0);
            Clipboard impatient = CLIPBOARD.withTimeout(Duration.ofMillis(700));
            long start = System.nanoTime();
            ClipboardBusyException e = assertThrows(ClipboardBusyException.class, impatient::getText);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(e.getMessage().contains("did not answer") && e.getMessage().contains(Long.toHexString(w)), e.getMessage());
            assertTrue(ms >= 600 && ms < 5000, "failed after " + ms + " ms");
            assertTrue(CLIPBOARD.holder().orElseThrow().contains(Long.toHexString(w)));
            x.XCloseDisplay(d);
            closed = true;
            assertEquals("", CLIPBOARD.getText(), "the owner is gone: nothing on the clipboard");
            assertTrue(CLIPBOARD.availableFormats().isEmpty());
        } finally {
            if (!closed) {
                x.XCloseDisplay(d);
            }
        }
    }

}
