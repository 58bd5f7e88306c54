package org.ipctoolkit.clipboard;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.HexFormat;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.SeedRecords;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Registered formats and several formats in one write, on both platforms: the same name is the same
 * format in two processes; a record and its text version written together are both read by another
 * process; absent formats read as empty; bad names and contents are refused.
 */
class ClipboardFormatsTest {
    private static final Clipboard CLIPBOARD = Clipboard.system();

    @Test
    void aRegisteredFormatIsTheSameInAnotherProcess() {
        String name = TestNames.unique("IpcClipFormat");
        ClipboardFormat here = CLIPBOARD.registerFormat(name);
        assertTrue(here.isRegistered());
        assertEquals(name, here.name());
        assertEquals(here, CLIPBOARD.registerFormat(name));
        try (ChildProcess other = ChildProcess.startJava(ClipboardPeer.class, "register", name)) {
            assertEquals("ID " + here.id(), other.awaitLine("ID "));
        }
    }

    @Test
    void aRecordAndItsTextWrittenTogetherAreBothReadByAnotherProcess() {
        String name = TestNames.unique("IpcClipShareMem");
        ClipboardFormat format = CLIPBOARD.registerFormat(name);
        DelphiRecord layout = DelphiRecord.parse(SeedRecords.TSHAREMEM_DECLARATION);
        ByteBuffer r = ByteBuffer.allocate(layout.size()).order(ByteOrder.LITTLE_ENDIAN);
        layout.putString(r, "id", "8888");
        layout.putString(r, "name", "Terry");
        layout.putInt(r, "age", 25);
        CLIPBOARD.write(ClipboardContent.builder().record(format, layout, r).text("8888 Terry 25").build());
        assertTrue(CLIPBOARD.isAvailable(format));
        assertTrue(CLIPBOARD.availableFormats().contains(format), CLIPBOARD.availableFormats().toString());
        assertTrue(CLIPBOARD.availableFormats().contains(ClipboardFormat.UNICODE_TEXT));
        try (ChildProcess reader = ChildProcess.startJava(ClipboardPeer.class, "read", name)) {
            assertEquals("BYTES " + SeedRecords.TSHAREMEM_HEX, reader.awaitLine("BYTES"));
        }
        try (ChildProcess reader = ChildProcess.startJava(ClipboardPeer.class, "read-text")) {
            assertEquals("TEXT " + ClipboardPeer.hex("8888 Terry 25"), reader.awaitLine("TEXT"));
        }
        assertEquals(25, layout.getInt(CLIPBOARD.readRecord(format, layout).orElseThrow(), "age"));
    }

    @Test
    void formatsWrittenByAnotherProcessAreReadHere() {
        String name = TestNames.unique("IpcClipOther");
        byte[] bytes = {0, 1, 2, (byte) 0xff, 0, 42};
        try (ChildProcess writer = ChildProcess.startJava(ClipboardPeer.class, "write", name, HexFormat.of().formatHex(bytes),
                ClipboardPeer.hex("text beside it"))) {
            writer.awaitLine("WRITTEN");
            ClipboardFormat f = CLIPBOARD.registerFormat(name);
            assertArrayEquals(bytes, CLIPBOARD.read(f).orElseThrow());
            assertEquals("text beside it", CLIPBOARD.getText());
            assertTrue(CLIPBOARD.availableFormats().contains(f));
            writer.send("");
            assertEquals(0, writer.waitFor(Duration.ofSeconds(30)), writer.transcript());
        }
    }

    @Test
    void absentFormatsReadAsEmpty() {
        CLIPBOARD.setText("only text");
        ClipboardFormat never = CLIPBOARD.registerFormat(TestNames.unique("IpcClipNever"));
        assertTrue(CLIPBOARD.read(never).isEmpty());
        assertFalse(CLIPBOARD.isAvailable(never));
        assertTrue(CLIPBOARD.readRecord(never, DelphiRecord.parse(SeedRecords.TSHAREMEM_DECLARATION)).isEmpty());
        CLIPBOARD.clear();
        assertTrue(CLIPBOARD.read(ClipboardFormat.UNICODE_TEXT).isEmpty());
    }

    @Test
    void badNamesAndContentsAreRefused() {
        for (String bad : new String[] {"", "f".repeat(256), "a\0b"}) {
            IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class, () -> CLIPBOARD.registerFormat(bad));
            assertTrue(e.getMessage().contains("RegisterClipboardFormatW"), e.getMessage());
        }
        assertEquals(255, CLIPBOARD.registerFormat("g".repeat(255)).name().length());
        assertThrows(IpcInvalidArgumentException.class, () -> ClipboardContent.builder().build());
        assertThrows(IpcInvalidArgumentException.class, () -> ClipboardContent.builder().text("a\0b"));
        assertThrows(IpcInvalidArgumentException.class, () -> ClipboardContent.builder().text("a").text("b"));
        assertThrows(IpcInvalidArgumentException.class, () -> CLIPBOARD.read(ClipboardFormat.BITMAP));
        assertThrows(IpcInvalidArgumentException.class, () -> CLIPBOARD.withTimeout(Duration.ZERO));
    }
}
