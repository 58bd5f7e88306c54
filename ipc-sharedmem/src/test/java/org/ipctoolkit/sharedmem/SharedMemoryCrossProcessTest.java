package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
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
        ShmTraces.createdByAKilledProcess(name, 4096);
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
        ShmTraces.assertGone(name);
        try (SharedMemory fresh = SharedMemory.create(name, 16)) {
            assertTrue(fresh.created(), "the name can be created again");
        }
    }

    /**
     * Three processes (this one and two child JVMs) meet at a start barrier (each child reports
     * that it waits on its standard input; the test then releases them all with one line each) and
     * call {@code createOrOpen} on the same name at once, for many rounds: exactly one of them
     * creates the object each round, all of them hold the same object (each sees every racer's
     * token), and the name goes when all have closed.
     */
    @Test
    void twoProcessesRacingCreateOrOpenCreateOnce() {
        int rounds = 50;
        int children = 2;
        String name = TestNames.unique("race");
        List<ChildProcess> racers = new ArrayList<>();
        int[] wins = new int[children + 1];
        try {
            for (int i = 1; i <= children; i++) {
                racers.add(ChildProcess.startJava(LifetimeRacer.class, "race", name, String.valueOf(i)));
            }
            for (int round = 1; round <= rounds; round++) {
                for (ChildProcess racer : racers) {
                    racer.awaitLine("WAITING " + round);
                }
                List<ChildProcess> order = new ArrayList<>(racers);
                Collections.shuffle(order);
                for (ChildProcess racer : order) {
                    racer.send("go " + round);   // the start of the race
                }
                try (SharedMemory mine = SharedMemory.createOrOpen(name, LifetimeRacer.SIZE)) {
                    LifetimeRacer.putRelease(mine.buffer(), 0, LifetimeRacer.token(round, 0));
                    int created = 0;
                    if (mine.created()) {
                        created++;
                        wins[0]++;
                    }
                    for (int i = 1; i <= children; i++) {
                        if (racers.get(i - 1).awaitLine("OPENED " + round).endsWith("created=true")) {
                            created++;
                            wins[i]++;
                        }
                    }
                    assertEquals(1, created, "round " + round + ": exactly one racer creates the object");
                    for (int i = 0; i <= children; i++) {
                        assertEquals(LifetimeRacer.token(round, i), mine.buffer().getLong(i * Long.BYTES),
                                "round " + round + ": racer " + i + " wrote into the same object");
                    }
                    String slots = LifetimeRacer.slots(mine);
                    for (ChildProcess racer : racers) {
                        racer.send("check " + round);
                        assertEquals("SEEN " + round + " " + slots, racer.awaitLine("SEEN " + round),
                                "round " + round + ": every racer holds the same object");
                    }
                    for (ChildProcess racer : racers) {
                        racer.awaitLine("CLOSED " + round);
                    }
                }
                int r = round;
                assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name),
                        "round " + r + ": the name goes with its last holder");
            }
            for (ChildProcess racer : racers) {
                racer.awaitLine("WAITING " + (rounds + 1));
                racer.send("exit");
                racer.assertSucceeds();
            }
        } finally {
            racers.forEach(ChildProcess::close);
        }
        System.out.println("race: objects created by racer 0 (this process), 1, 2...: " + Arrays.toString(wins));
        ShmTraces.assertGone(name);
    }
}
