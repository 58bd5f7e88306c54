package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** 4 processes x 10,000 increments of a counter in shared memory, guarded by a mutex, then by a semaphore of count 1. */
class ContentionTest {
    private static final int PROCESSES = 4;
    private static final int INCREMENTS = 10_000;

    @Test
    void aMutexGuardsTheCounter() {
        String mutex = TestNames.unique("mutex");
        try (NamedMutex m = NamedMutex.create(mutex)) {
            assertEquals(PROCESSES * INCREMENTS, count("count-mutex", mutex));
            assertSame(WaitResult.SIGNALED, m.tryAcquire(), "every child released it");
            m.release();
        }
    }

    @Test
    void aSemaphoreOfCountOneGuardsTheCounter() {
        String sem = TestNames.unique("sem");
        try (NamedSemaphore s = NamedSemaphore.create(sem, 1, 1)) {
            assertEquals(PROCESSES * INCREMENTS, count("count-semaphore", sem));
            assertTrue(s.tryAcquire(), "every child gave its unit back");
        }
    }

    private static int count(String command, String guard) {
        String shmName = TestNames.unique("shm");
        try (SharedMemory shm = SharedMemory.create(shmName, 4)) {
            List<ChildProcess> children = new ArrayList<>();
            try {
                for (int i = 0; i < PROCESSES; i++) {
                    children.add(ChildProcess.startJava(SyncPeer.class, command, shmName, guard,
                            Integer.toString(INCREMENTS)));
                }
                for (ChildProcess c : children) {
                    c.awaitLine("DONE");
                    c.assertSucceeds();
                }
            } finally {
                children.forEach(ChildProcess::close);
            }
            return shm.buffer().getInt(0);
        }
    }
}
