package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.SeedRecords;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code ipc shm write} makes a record that a Python program reads byte for byte. Linux only. */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class CliPythonInteropTest {

    @Test
    void pythonReadsTheRecordTheCliWrote() {
        String name = TestNames.unique("clipy");
        try (ChildProcess writer = ChildProcess.startJava(IpcCommand.class, "shm", "write", name,
                "--record", IpcCommandTest.DECL, "--set", "id=8888", "--set", "name=Terry", "--set", "age=25")) {
            assertTrue(writer.awaitLine("Holding").contains("until interrupted"));
            String script = "import sys\n"
                    + "from multiprocessing import resource_tracker, shared_memory\n"
                    + "s = shared_memory.SharedMemory(sys.argv[1])\n"
                    + "resource_tracker.unregister(s._name, 'shared_memory')\n"
                    + "print('DATA', bytes(s.buf[:36]).hex(), s.size)\n"
                    + "s.close()\n";
            try (ChildProcess py = ChildProcess.start("python", List.of("python3", "-c", script, name))) {
                assertEquals("DATA " + SeedRecords.TSHAREMEM_HEX + " 36", py.awaitLine("DATA"));
                py.assertSucceeds();
            }
            writer.terminate();
        }
        assertFalse(java.nio.file.Files.exists(java.nio.file.Path.of("/dev/shm", name)),
                "Ctrl+C (SIGTERM) closes the object, so its name goes at once");
    }
}
