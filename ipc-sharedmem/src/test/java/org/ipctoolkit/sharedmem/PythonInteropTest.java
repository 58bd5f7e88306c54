package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.SeedRecords;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A Python program ({@code multiprocessing.shared_memory}) and Java sharing one object by the same
 * name, in both directions. Linux only: on Windows the native peers are MinGW programs.
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class PythonInteropTest {
    private static final HexFormat HEX = HexFormat.of();

    private static ChildProcess python(String... args) {
        try {
            Path script = Path.of(PythonInteropTest.class.getResource("/python_shm_peer.py").toURI());
            List<String> command = new java.util.ArrayList<>(List.of("python3", script.toString()));
            command.addAll(List.of(args));
            return ChildProcess.start("python", command);
        } catch (URISyntaxException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void pythonReadsWhatJavaWroteByteForByte() {
        String name = TestNames.unique("py");
        try (SharedMemory shm = SharedMemory.create(name, 36)) {
            shm.buffer().put(HEX.parseHex(SeedRecords.TSHAREMEM_HEX));
            try (ChildProcess py = python("read", name, "36")) {
                assertEquals("DATA " + SeedRecords.TSHAREMEM_HEX, py.awaitLine("DATA"));
                py.assertSucceeds();
            }
            try (SharedMemory again = SharedMemory.open(name)) {
                assertEquals(36, again.size(), "Python left Java's object in place");
            }
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }

    @Test
    void javaReadsAndWritesPythonsObjectAndNeverRemovesIt() {
        String name = TestNames.unique("py");
        Path file = ShmTraces.fileOf(name);
        try (ChildProcess py = python("create", name, SeedRecords.TSHAREMEM_HEX)) {
            py.awaitLine("READY");
            try (SharedMemory shm = SharedMemory.open(name)) {
                assertEquals(36, shm.size());
                byte[] bytes = new byte[36];
                shm.buffer().get(0, bytes);
                assertEquals(SeedRecords.TSHAREMEM_HEX, HEX.formatHex(bytes));
                shm.buffer().put(32, (byte) 26);
            }
            assertTrue(Files.exists(file), "Java must not remove the object Python created");
            py.send("go");
            String data = py.awaitLine("DATA");
            assertEquals("1a000000", data.substring(data.length() - 8), "Python sees Java's write");
            py.assertSucceeds();
        }
        assertFalse(Files.exists(file), "Python unlinked its own object");
    }
}
