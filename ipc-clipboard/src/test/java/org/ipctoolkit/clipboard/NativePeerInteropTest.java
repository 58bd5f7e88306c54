package org.ipctoolkit.clipboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HexFormat;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.NativePeers;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A MinGW C peer ({@code interop/windows/tclipboard.c}: RegisterClipboardFormatA, OpenClipboard,
 * EmptyClipboard, SetClipboardData with GlobalAlloc memory, GetClipboardData) exchanges a registered
 * format and text with the Java side through the Win32 clipboard. Windows only: the peer is a Windows
 * program (run by Wine). The Linux side's peers are xclip and Wine itself (X11ClipboardTest,
 * WineBridgeTest).
 */
@Tag("windows-only")
class NativePeerInteropTest {
    private static final Clipboard CLIPBOARD = Clipboard.system();

    @Test
    void theCPeerReadsWhatJavaWroteAndJavaReadsWhatItWrote() {
        String name = TestNames.unique("IpcClipNative");
        byte[] bytes = {0x10, 0x20, 0, (byte) 0xff, 0x7f};
        ClipboardFormat f = CLIPBOARD.registerFormat(name);
        CLIPBOARD.write(ClipboardContent.builder().bytes(f, bytes).text("Java → C: 剪贴板").build());
        try (ChildProcess peer = NativePeers.start("tclipboard", "read", name)) {
            assertEquals("BYTES " + HexFormat.of().formatHex(bytes), peer.awaitLine("BYTES"));
        }
        try (ChildProcess peer = NativePeers.start("tclipboard", "text")) {
            assertEquals("TEXT " + ClipboardPeer.hex("Java → C: 剪贴板"), peer.awaitLine("TEXT"));
        }
        byte[] fromC = {1, 3, 5, 7, 9, 0, 2};
        try (ChildProcess peer = NativePeers.start("tclipboard", "write", name, HexFormat.of().formatHex(fromC))) {
            assertEquals("WRITTEN " + f.id(), peer.awaitLine("WRITTEN"), "the same name is the same format in C");
        }
        assertArrayEquals(fromC, CLIPBOARD.read(f).orElseThrow());
        assertEquals("", CLIPBOARD.getText(), "the C peer's write replaced the text");
    }

    @Test
    void aClipboardHeldByAnotherProgramIsAClearErrorNamingIt() {
        CLIPBOARD.setText("before");
        try (ChildProcess holder = NativePeers.start("tclipboard", "hold")) {
            holder.awaitLine("HOLDING");
            long start = System.nanoTime();
            ClipboardBusyException e = assertThrows(ClipboardBusyException.class,
                    () -> CLIPBOARD.withTimeout(Duration.ofMillis(500)).setText("after"));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(e.getMessage().contains("tclipboard holder") && e.getMessage().contains("OpenClipboard"), e.getMessage());
            assertTrue(ms >= 450 && ms < 10_000, "gave up after " + ms + " ms");
            holder.send("");
            assertEquals(0, holder.waitFor(Duration.ofSeconds(30)), holder.transcript());
        }
        assertEquals("before", CLIPBOARD.getText(), "nothing was changed");
    }
}
