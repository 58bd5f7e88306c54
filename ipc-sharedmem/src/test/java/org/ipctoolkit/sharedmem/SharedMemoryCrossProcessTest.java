package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.HexFormat;
import org.ipctoolkit.core.IpcNotFoundException;
import static org.ipctoolkit.testkit.SeedRecords.TSHAREMEM_HEX;

import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** Shared memory between this JVM and a child JVM; runs on every backend. */
class SharedMemoryCrossProcessTest {

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void aChildWritesAndThisProcessReadsAndAnswers() {
        String name = TestNames.unique("xproc");
        String record = TSHAREMEM_HEX;
        try (ChildProcess child = ChildProcess.startJava(SharedMemoryPeer.class, "create", name, "36", record)) {
            child.awaitLine("READY");
            try (SharedMemory shm = SharedMemory.open(name)) {
                byte[] bytes = new byte[36];
                shm.buffer().get(0, bytes);
                assertEquals(record, HEX.formatHex(bytes));
                shm.buffer().putInt(32, 26);
                child.send("read 32 4");
                assertEquals("DATA 1a000000", child.awaitLine("DATA"));
            }
            child.send("exit");
            child.assertSucceeds();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }

    @Test
    void thisProcessCreatesAndAChildOpens() {
        String name = TestNames.unique("xproc");
        try (SharedMemory shm = SharedMemory.create(name, 8)) {
            shm.buffer().putLong(0, 0x0102030405060708L);
            try (ChildProcess child = ChildProcess.startJava(SharedMemoryPeer.class, "open", name)) {
                assertTrue(child.awaitLine("READY").contains("created=false"));
                child.send("read 0 8");
                assertEquals("DATA " + HEX.formatHex(bytesOf(shm)), child.awaitLine("DATA"));
                child.send("exit");
                child.assertSucceeds();
            }
        }
    }

    private static byte[] bytesOf(SharedMemory shm) {
        byte[] b = new byte[(int) shm.size()];
        shm.buffer().get(0, b);
        return b;
    }

    @Test
    void whenTheCreatorIsKilledTheSurvivorKeepsTheDataAndTheNameGoesWithTheLastHolder() {
        String name = TestNames.unique("crash");
        String record = TSHAREMEM_HEX;
        try (ChildProcess child = ChildProcess.startJava(SharedMemoryPeer.class, "create", name, "36", record)) {
            child.awaitLine("READY");
            SharedMemory survivor = SharedMemory.open(name);
            child.kill();
            byte[] bytes = new byte[36];
            survivor.buffer().get(0, bytes);
            assertEquals(record, HEX.formatHex(bytes), "the data outlives the killed creator");
            try (SharedMemory again = SharedMemory.open(name)) {
                assertEquals(0x19, again.buffer().get(32), "the name outlives the creator too");
            }
            survivor.close();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
        ShmTraces.assertGone(name);
    }

    @Test
    void whenTheOnlyHolderIsKilledTheNameIsGone() {
        String name = TestNames.unique("crash");
        try (ChildProcess child = ChildProcess.startJava(SharedMemoryPeer.class, "create", name, "4096")) {
            child.awaitLine("READY");
            child.kill();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
        ShmTraces.assertGone(name);
        try (SharedMemory fresh = SharedMemory.create(name, 16)) {
            assertTrue(fresh.created(), "the name can be created again");
        }
    }

    @Test
    void twoProcessesRacingCreateOrOpenCreateOnce() {
        String name = TestNames.unique("race");
        try (ChildProcess child = ChildProcess.startJava(SharedMemoryPeer.class, "createOrOpen", name, "64");
             SharedMemory mine = SharedMemory.createOrOpen(name, 64)) {
            String ready = child.awaitLine("READY");
            boolean childCreated = ready.contains("created=true");
            assertNotEquals(childCreated, mine.created(), "exactly one of the two created it: " + ready);
            mine.buffer().put(0, (byte) 1);
            child.send("read 0 1");
            assertEquals("DATA 01", child.awaitLine("DATA"));
            child.send("exit");
            child.assertSucceeds();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }
}
