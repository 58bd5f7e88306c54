package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.NativePeers;
import org.ipctoolkit.testkit.SeedRecords;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Java and a native Windows program ({@code interop/windows/tsharemem.c}, MinGW, ANSI functions as a
 * Delphi 7 program calls them) share the source documents' {@code TShareMem} record by name, in both
 * directions, checking every byte. Windows only: on Linux the native peer is Python.
 */
@Tag("windows-only")
@EnabledOnOs(OS.WINDOWS)
class NativePeerInteropTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final DelphiRecord SHARE_MEM = DelphiRecord.parse(SeedRecords.TSHAREMEM_DECLARATION);

    @Test
    void javaReadsTheRecordANativeProgramWrote() {
        String name = TestNames.unique("native");
        try (ChildProcess peer = NativePeers.start("tsharemem", "write", name)) {
            assertEquals("HEX " + SeedRecords.TSHAREMEM_HEX, peer.awaitLine("HEX"));
            peer.awaitLine("READY");
            try (SharedMemory shm = SharedMemory.open(name)) {
                byte[] bytes = new byte[36];
                shm.buffer().get(0, bytes);
                assertEquals(SeedRecords.TSHAREMEM_HEX, HEX.formatHex(bytes));
                assertEquals("8888", SHARE_MEM.getString(shm.buffer(), "id"));
                assertEquals("Terry", SHARE_MEM.getString(shm.buffer(), "name"));
                assertEquals(25, SHARE_MEM.getInt(shm.buffer(), "age"));
            }
            peer.send("done");
            peer.awaitLine("CLOSED");
            peer.assertSucceeds();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }

    @Test
    void aNativeProgramReadsTheRecordJavaWrote() {
        String name = TestNames.unique("native");
        try (SharedMemory shm = SharedMemory.create(name, SHARE_MEM.size())) {
            ByteBuffer p = shm.buffer();
            SHARE_MEM.putString(p, "id", "8888");
            SHARE_MEM.putString(p, "name", "Terry");
            SHARE_MEM.putInt(p, "age", 25);
            try (ChildProcess peer = NativePeers.start("tsharemem", "read", name)) {
                assertEquals("FIELDS id=8888 name=Terry age=25", peer.awaitLine("FIELDS"));
                assertEquals("HEX " + SeedRecords.TSHAREMEM_HEX, peer.awaitLine("HEX"));
                peer.assertSucceeds();
            }
            SHARE_MEM.putString(p, "id", "A-10");
            SHARE_MEM.putString(p, "name", "Chien Ting-Hsiang");
            SHARE_MEM.putInt(p, "age", -7);
            try (ChildProcess peer = NativePeers.start("tsharemem", "read", name)) {
                assertEquals("FIELDS id=A-10 name=Chien Ting-Hsiang age=-7", peer.awaitLine("FIELDS"));
                peer.assertSucceeds();
            }
        }
    }

    @Test
    void theNativeProgramSeesTheNameGoWithJavasLastClose() {
        String name = TestNames.unique("native");
        SharedMemory.create(name, 36).close();
        try (ChildProcess peer = NativePeers.start("tsharemem", "read", name)) {
            assertEquals("FAILED OpenFileMappingA error 2", peer.awaitLine("FAILED"));
            assertEquals(1, peer.waitFor(ChildProcess.DEFAULT_TIMEOUT));
        }
    }
}
