package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * A stress test of the lifetime protocol, on every backend: three processes of two threads each
 * keep creating or opening, checking and closing the same three names for a few seconds. Each
 * holder checks, by opening the name again, that the name still names the object it holds (the
 * object's random id, written by its creator); nothing may fail, and nothing may be left behind.
 */
class LifetimeStressTest {
    private static final int NAMES = 3;
    private static final int THREADS = 2;
    private static final int CHILDREN = 2;
    private static final long MILLIS = 3000;

    @Test
    void processesAndThreadsHoldingTheSameNamesNeverSeeAnotherObject() throws Throwable {
        String prefix = TestNames.unique("stress");
        List<ChildProcess> children = new ArrayList<>();
        long iterations;
        long created;
        try {
            for (int i = 0; i < CHILDREN; i++) {
                children.add(ChildProcess.startJava(LifetimeRacer.class, "stress", prefix, String.valueOf(NAMES),
                        String.valueOf(THREADS), String.valueOf(MILLIS)));
            }
            for (ChildProcess child : children) {
                child.awaitLine("READY");
            }
            for (ChildProcess child : children) {
                child.send("go");
            }
            long[] mine = LifetimeRacer.stress(prefix, NAMES, THREADS, MILLIS);
            iterations = mine[0];
            created = mine[1];
            for (ChildProcess child : children) {
                String done = child.awaitLine("DONE", Duration.ofSeconds(60));
                iterations += Long.parseLong(done.replaceAll(".*iterations=(\\d+).*", "$1"));
                created += Long.parseLong(done.replaceAll(".*created=(\\d+).*", "$1"));
                child.assertSucceeds();
            }
        } finally {
            children.forEach(ChildProcess::close);
        }
        System.out.println("stress: " + iterations + " holds, " + created + " objects created");
        assertTrue(created >= NAMES, "every name was created at least once");
        assertTrue(iterations > created, "some holders opened an existing object");
        for (int i = 0; i < NAMES; i++) {
            String name = prefix + "-" + i;
            assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name), name + " is left behind");
            ShmTraces.assertGone(name);
        }
    }
}
