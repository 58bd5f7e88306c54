package org.ipctoolkit.sync.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.backend.WaitStatus;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Linux mutex's robust behaviour against real processes and threads: abandonment by a SIGKILLed
 * child process and by a thread that ends, both while a waiter is already blocked; recursion; a
 * non-owner's release; the thread's robust list left empty. Linux only: it reads the Linux backend's
 * futex word and the thread's robust list, which have no Windows counterpart (the same semantics are
 * tested through the API on both platforms).
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxMutexTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private static ObjectName name() {
        return ObjectName.of("mutex", TestNames.unique("mtx"));
    }

    @Test
    void recursionAndNonOwnerRelease() throws Exception {
        LinuxMutex m = LinuxMutex.create(name(), true);
        try {
            assertTrue(m.created());
            assertEquals(WaitStatus.SIGNALED, m.waitFor(0));
            m.release();
            // Another thread cannot take it nor release it.
            CompletableFuture<Object> other = CompletableFuture.supplyAsync(() -> {
                WaitStatus s = m.waitFor(TimeUnit.MILLISECONDS.toNanos(20));
                try {
                    m.release();
                    return "released";
                } catch (IllegalMonitorStateException expected) {
                    return s;
                }
            });
            assertEquals(WaitStatus.TIMEOUT, other.get(10, TimeUnit.SECONDS));
            m.release();
            assertThrows(IllegalMonitorStateException.class, m::release);
            assertEquals(0, m.state());
            assertTrue(RobustThread.current().listIsEmpty());
        } finally {
            m.close();
        }
    }

    @Test
    void aThreadThatEndsHoldingAbandonsItAndWakesTheWaiter() throws Exception {
        ObjectName n = name();
        LinuxMutex m = LinuxMutex.create(n, false);
        try {
            CountDownLatch owned = new CountDownLatch(1);
            CountDownLatch end = new CountDownLatch(1);
            Thread owner = new Thread(() -> {
                LinuxMutex second = LinuxMutex.open(n);      // a second handle, and recursion through both
                assertEquals(WaitStatus.SIGNALED, m.waitFor(0));
                assertEquals(WaitStatus.SIGNALED, second.waitFor(0));
                owned.countDown();
                try {
                    end.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                second.close();   // owned through m's mapping: this handle's goes
            }, "owner-that-ends");
            owner.start();
            assertTrue(owned.await(10, TimeUnit.SECONDS));
            AtomicReference<WaitStatus> got = new AtomicReference<>();
            CountDownLatch waiting = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                waiting.countDown();
                got.set(m.waitFor(30 * SECOND));
                m.release();
            }, "waiter");
            waiter.start();
            assertTrue(waiting.await(10, TimeUnit.SECONDS));
            end.countDown();
            waiter.join(30_000);
            assertEquals(WaitStatus.ABANDONED, got.get());
            assertEquals(WaitStatus.SIGNALED, m.waitFor(0), "abandoned is reported once");
            m.release();
        } finally {
            m.close();
        }
    }

    @Test
    void aChildKilledHoldingAbandonsItToTheWaiterAlreadyBlocked() throws Exception {
        ObjectName n = name();
        LinuxMutex m = LinuxMutex.create(n, false);
        try (ChildProcess child = ChildProcess.startJava(LinuxMutexChild.class, n.win32Name())) {
            child.awaitLine("OWNED");
            assertEquals(WaitStatus.TIMEOUT, m.waitFor(0));
            CompletableFuture<WaitStatus> waiter = CompletableFuture.supplyAsync(() -> {
                WaitStatus s = m.waitFor(60 * SECOND);
                m.release();
                return s;
            });
            // Make sure the waiter is blocked in the kernel: FUTEX_WAITERS appears on the word.
            long until = System.nanoTime() + 10 * SECOND;
            while ((m.state() & Futex.FUTEX_WAITERS) == 0 && System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            long killed = System.nanoTime();
            child.kill();
            WaitStatus s = waiter.get(60, TimeUnit.SECONDS);
            long noticed = System.nanoTime() - killed;
            assertEquals(WaitStatus.ABANDONED, s);
            System.out.printf("abandonment by SIGKILL noticed by the blocked waiter %.2f ms after kill()%n", noticed / 1e6);
        } finally {
            m.close();
        }
    }

    @Test
    void aChildReleasesNormally() throws Exception {
        ObjectName n = name();
        LinuxMutex m = LinuxMutex.create(n, true);
        try (ChildProcess child = ChildProcess.startJava(LinuxMutexChild.class, n.win32Name())) {
            m.release();
            child.awaitLine("OWNED");
            child.send("go");
            child.awaitLine("RELEASED");
            assertEquals(0, child.waitFor(Duration.ofSeconds(30)));
            assertEquals(WaitStatus.SIGNALED, m.waitFor(SECOND));
            m.release();
        } finally {
            m.close();
        }
    }

    @Test
    void uncontendedTiming() {
        LinuxMutex m = LinuxMutex.create(name(), false);
        try {
            for (int round = 0; round < 3; round++) {
                int n = 10_000_000;
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    m.waitFor(LinuxMutex.INFINITE);
                    m.release();
                }
                System.out.printf("uncontended acquire+release: %.1f ns/op%n", (System.nanoTime() - t0) / (double) n);
            }
        } finally {
            m.close();
        }
    }
}
