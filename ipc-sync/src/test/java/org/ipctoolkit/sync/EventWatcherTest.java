package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/** The watcher thread: one call per signal (from another process too), a throwing listener, close. */
class EventWatcherTest {

    @Test
    void callsTheListenerOnEachSignalAndStopsOnClose() throws InterruptedException {
        String name = TestNames.unique("event");
        BlockingQueue<String> calls = new LinkedBlockingQueue<>();
        try (NamedEvent e = NamedEvent.create(name, false, false)) {
            EventWatcher w = EventWatcher.start(e, ev -> calls.add(Thread.currentThread().getName()));
            try {
                assertTrue(w.thread().isDaemon());
                assertEquals("ipc-event-watcher-" + name, w.thread().getName());
                for (int i = 0; i < 3; i++) {
                    e.set();
                    assertEquals(w.thread().getName(), calls.poll(30, TimeUnit.SECONDS), "set " + i);
                }
                try (ChildProcess child = ChildProcess.startJava(SyncPeer.class, "set-event", name)) {
                    child.assertSucceeds();
                }
                assertTrue(calls.poll(30, TimeUnit.SECONDS) != null, "a set by another process");
            } finally {
                w.close();
            }
            assertFalse(w.isRunning(), "close waits for the thread");
            w.close();
            e.set();
            assertTrue(calls.poll(200, TimeUnit.MILLISECONDS) == null, "called after close");
            assertTrue(e.await(Duration.ZERO), "the closed watcher did not take the signal");
        }
    }

    @Test
    void aThrowingListenerDoesNotStopTheThread() throws InterruptedException {
        BlockingQueue<Integer> calls = new LinkedBlockingQueue<>();
        try (NamedEvent e = NamedEvent.create(TestNames.unique("event"), false, false)) {
            int[] n = {0};
            try (EventWatcher w = EventWatcher.start(e, "watcher-under-test", ev -> {
                calls.add(++n[0]);
                if (n[0] == 1) {
                    throw new IllegalStateException("thrown on purpose by the test");
                }
            })) {
                e.set();
                assertEquals(1, calls.poll(30, TimeUnit.SECONDS));
                e.set();
                assertEquals(2, calls.poll(30, TimeUnit.SECONDS));
                assertTrue(w.isRunning());
            }
        }
    }

    @Test
    void closeFromTheListenerItself() throws InterruptedException {
        BlockingQueue<Boolean> done = new LinkedBlockingQueue<>();
        try (NamedEvent e = NamedEvent.create(TestNames.unique("event"), false, false)) {
            EventWatcher[] self = new EventWatcher[1];
            self[0] = EventWatcher.start(e, ev -> {
                while (self[0] == null) {
                    Thread.onSpinWait();
                }
                self[0].close();
                done.add(true);
            });
            e.set();
            assertEquals(Boolean.TRUE, done.poll(30, TimeUnit.SECONDS));
            self[0].thread().join(30_000);
            assertFalse(self[0].isRunning());
        }
    }
}
