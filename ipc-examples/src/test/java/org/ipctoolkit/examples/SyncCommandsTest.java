package org.ipctoolkit.examples;

import static org.ipctoolkit.examples.IpcCommandTest.count;
import static org.junit.jupiter.api.Assertions.*;

import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.examples.IpcCommandTest.Result;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.sync.NamedEvent;
import org.ipctoolkit.sync.NamedMutex;
import org.ipctoolkit.sync.NamedSemaphore;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * {@code ipc demo smem} and {@code ipc mutex|event|semaphore}, as separate processes; on every backend.
 * Commands whose output alone is checked run in this JVM ({@link IpcCommandTest#run}), which is itself
 * another process than the child.
 */
class SyncCommandsTest {
    @Test
    void theSmemDemoRunsThreePeersAndLeavesNothingBehind() {
        String base = TestNames.unique("smem");
        try (ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "smem", "--name", base)) {
            demo.assertSucceeds();
            String out = demo.transcript();
            for (int i = 1; i <= SmemDemo.PEERS; i++) {
                String label = "peer " + i + " | ";
                assertEquals(SmemDemo.OTHERS_EDITS, count(out, label + "watcher: \"" + base + "-changed-" + i + "\" fired"),
                        "peer " + i + "'s watcher fires once per edit of the others: " + out);
                assertEquals(SmemDemo.EDITS_EACH, count(out, label + "Edit "), out);
                assertTrue(out.contains(label + "Closed"), out);
            }
            assertEquals(6, count(out, "Edit "), out);
            assertEquals(SmemDemo.PEERS - 1, count(out, "reloaded under the mutex, 6 of 6 edits: [peer "),
                    "the last edit reached every peer but its writer: " + out);
            assertTrue(out.contains("none of the 7 objects exists any more") && out.contains("Demo finished."), out);
        }
        for (SmemDemo.Named o : SmemDemo.objects(base)) {
            assertThrows(IpcNotFoundException.class, () -> {
                switch (o.kind()) {
                    case "shared memory" -> SharedMemory.open(o.name()).close();
                    case "mutex" -> NamedMutex.open(o.name()).close();
                    case "event" -> NamedEvent.open(o.name()).close();
                    default -> NamedSemaphore.open(o.name()).close();
                }
            }, o + " is gone");
        }
    }

    @Test
    void theSmemDemoRefusesANameInUseBeforeStartingAnyPeer() {
        String base = TestNames.unique("smem");
        try (NamedEvent foreign = NamedEvent.create(base + "-changed-2", true, true);
             ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "smem", "--name", base)) {
            assertEquals(IpcCommand.FAILED, demo.waitFor(ChildProcess.DEFAULT_TIMEOUT), demo.transcript());
            String out = demo.transcript();
            assertTrue(out.contains("event \"" + base + "-changed-2\" exists already in use")
                    && out.contains("--name"), out);
            assertFalse(out.contains("peer 1 |"), "no peer starts: " + out);
            assertTrue(foreign.await(java.time.Duration.ZERO), "the foreign event is untouched (still set)");
        }
    }

    @Test
    void eventWaitInOneProcessIsReleasedByEventSetInAnother() {
        String name = TestNames.unique("cli-event");
        try (ChildProcess waiter = ChildProcess.startJava(IpcCommand.class, "event", "wait", name, "--timeout", "2m")) {
            waiter.awaitLine("Created auto-reset event");
            Result set = IpcCommandTest.run("event", "set", name);
            assertEquals(0, set.code(), set.err());
            assertTrue(set.out().contains("Event \"" + name + "\" set"), set.out());
            waiter.assertSucceeds();
            assertTrue(waiter.transcript().contains("Event \"" + name + "\" is signaled"), waiter.transcript());
        }
    }

    @Test
    void mutexTryFailsWithOneClearLineWhileAnotherProcessHoldsIt() {
        String name = TestNames.unique("cli-mutex");
        try (ChildProcess holder = ChildProcess.startJava(IpcCommand.class, "mutex", "hold", name, "--for", "2m")) {
            holder.awaitLine("Holding it for 120s");
            Result now = IpcCommandTest.run("mutex", "try", name);
            assertEquals(IpcCommand.FAILED, now.code(), now.out());
            assertEquals("ipc: mutex \"" + name + "\" is held by another thread or process\n",
                    now.err().replace("\r\n", "\n"));
            Result waited = IpcCommandTest.run("mutex", "try", name, "--timeout", "50ms");
            assertEquals(IpcCommand.FAILED, waited.code(), waited.out());
            assertTrue(waited.err().contains("still held after 50ms"), waited.err());
            holder.terminate();
        }
        // The holder died holding it and nobody else holds it: the mutex is gone, as on Windows (on Linux
        // this open also removes the name the dead holder could not remove).
        assertThrows(IpcNotFoundException.class, () -> NamedMutex.open(name));
    }

    @Test
    void semaphoreCountsGoThroughTheTool() {
        String name = TestNames.unique("cli-sem");
        try (NamedSemaphore semaphore = NamedSemaphore.create(name, 0, 2)) {
            Result empty = IpcCommandTest.run("semaphore", "acquire", name, "--timeout", "20ms");
            assertEquals(IpcCommand.FAILED, empty.code());
            assertTrue(empty.err().contains("stayed at count 0 for 20ms"), empty.err());
            Result released = IpcCommandTest.run("semaphore", "release", name, "--count", "2");
            assertEquals(0, released.code(), released.err());
            assertTrue(released.out().contains("its count was 0, now 2"), released.out());
            Result full = IpcCommandTest.run("semaphore", "release", name);
            assertEquals(IpcCommand.FAILED, full.code(), "past the maximum");
            assertTrue(full.err().startsWith("ipc: ") && full.err().contains(name), full.err());
            assertEquals(0, IpcCommandTest.run("semaphore", "acquire", name).code());
            assertTrue(semaphore.tryAcquire(), "one unit left");
            assertFalse(semaphore.tryAcquire(), "the tool's acquire took the other");
        }
    }

    @Test
    void badInputIsRefusedBeforeAnythingIsCreated() {
        String name = TestNames.unique("cli-bad");
        Result counts = IpcCommandTest.run("semaphore", "create", name, "--initial", "3", "--maximum", "2", "--hold", "1ms");
        assertEquals(IpcCommand.FAILED, counts.code());
        assertTrue(counts.err().contains("invalid counts (initial 3, maximum 2)"), counts.err());
        Result zero = IpcCommandTest.run("event", "wait", name, "--timeout", "0s");
        assertEquals(IpcCommand.USAGE, zero.code());
        assertTrue(zero.err().contains("not a positive duration"), zero.err());
        Result missing = IpcCommandTest.run("event", "set", name);
        assertEquals(IpcCommand.FAILED, missing.code());
        assertTrue(missing.err().startsWith("ipc: ") && missing.err().contains("\"" + name + "\""), missing.err());
        Result badName = IpcCommandTest.run("mutex", "try", "a\\b");
        assertEquals(IpcCommand.FAILED, badName.code());
        assertTrue(badName.err().contains("backslash"), badName.err());
        assertThrows(IpcNotFoundException.class, () -> NamedEvent.open(name), "nothing was created");
        assertThrows(IpcNotFoundException.class, () -> NamedSemaphore.open(name), "nothing was created");
    }
}
