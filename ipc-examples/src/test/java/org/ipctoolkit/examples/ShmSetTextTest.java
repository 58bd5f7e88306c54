package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** {@code ipc shm write --set}: values given as text reach the record only when they are exact. */
class ShmSetTextTest {

    private static final String DECL = "T = record d: Double; s: Single; end;";

    @Test
    void aDoubleThatOverflowsToInfinityIsRefused() {
        String name = TestNames.unique("cli");
        try (SharedMemory existing = SharedMemory.create(name, 16)) {
            Result r = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--set", "d=1e400", "--hold", "1ms");
            assertEquals(IpcCommand.FAILED, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("1e400") && r.err().contains("Double"), r.err());
            assertEquals(0.0, existing.buffer().order(ByteOrder.LITTLE_ENDIAN).getDouble(0), "nothing written");
        }
    }

    @Test
    void nanTextIsRefused() {
        String name = TestNames.unique("cli");
        try (SharedMemory existing = SharedMemory.create(name, 16)) {
            Result r = IpcCommandTest.run("shm", "write", name, "--record", DECL, "--set", "d=NaN", "--hold", "1ms");
            assertEquals(IpcCommand.FAILED, r.code(), r.out() + r.err());
            assertTrue(r.err().contains("NaN"), r.err());
            ByteBuffer b = existing.buffer();
            assertEquals(0L, b.getLong(0), "nothing written");
        }
    }
}
