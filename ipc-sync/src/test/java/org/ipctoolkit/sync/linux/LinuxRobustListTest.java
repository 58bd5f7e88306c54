package org.ipctoolkit.sync.linux;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.sync.backend.WaitStatus;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The thread's robust list shared with glibc: several mutexes of this library and a robust glibc
 * {@code pthread_mutex_t} held by one thread in any order, released out of order, and abandoned
 * together when the thread ends; the list is empty again afterwards. Linux only (glibc's robust
 * mutexes, the thread's robust list).
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxRobustListTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
    private static final int EOWNERDEAD = 130;

    /** glibc's robust mutex calls, for a mutex of this test in native memory. */
    static final class Pthread {
        static {
            Native.register(Pthread.class, NativeLibrary.getInstance("c"));
        }

        static native int pthread_mutexattr_init(Pointer attr);

        static native int pthread_mutexattr_setrobust(Pointer attr, int robust);

        static native int pthread_mutex_init(Pointer mutex, Pointer attr);

        static native int pthread_mutex_lock(Pointer mutex);

        static native int pthread_mutex_unlock(Pointer mutex);

        static native int pthread_mutex_consistent(Pointer mutex);
    }

    private static Memory robustGlibcMutex() {
        Memory attr = new Memory(64);
        Memory mutex = new Memory(64);
        mutex.clear();
        assertEquals(0, Pthread.pthread_mutexattr_init(attr));
        assertEquals(0, Pthread.pthread_mutexattr_setrobust(attr, 1));
        assertEquals(0, Pthread.pthread_mutex_init(mutex, attr));
        return mutex;
    }

    private static ObjectName name() {
        return ObjectName.of("mutex", TestNames.unique("rl"));
    }

    @Test
    void outOfOrderWithAGlibcMutexBetweenLeavesTheListEmpty() {
        LinuxMutex a = LinuxMutex.create(name(), false);
        LinuxMutex b = LinuxMutex.create(name(), false);
        LinuxMutex c = LinuxMutex.create(name(), false);
        Memory g = robustGlibcMutex();
        try {
            assertTrue(RobustThread.current().listIsEmpty());
            assertEquals(WaitStatus.SIGNALED, a.waitFor(0));
            assertEquals(0, Pthread.pthread_mutex_lock(g));
            assertEquals(WaitStatus.SIGNALED, b.waitFor(0));
            assertEquals(WaitStatus.SIGNALED, c.waitFor(0));
            a.release();                                   // the last node
            assertEquals(0, Pthread.pthread_mutex_unlock(g)); // glibc unlinks between ours
            c.release();                                   // the first
            assertEquals(0, Pthread.pthread_mutex_lock(g));
            b.release();                                   // now next to glibc's
            assertEquals(0, Pthread.pthread_mutex_unlock(g));
            assertTrue(RobustThread.current().listIsEmpty());
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }

    @Test
    void aThreadEndingWithSeveralHeldAbandonsThemAll() throws Exception {
        LinuxMutex a = LinuxMutex.create(name(), false);
        LinuxMutex b = LinuxMutex.create(name(), false);
        LinuxMutex c = LinuxMutex.create(name(), false);
        Memory g = robustGlibcMutex();
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread owner = new Thread(() -> {
                try {
                    assertEquals(WaitStatus.SIGNALED, a.waitFor(0));
                    assertEquals(0, Pthread.pthread_mutex_lock(g));
                    assertEquals(WaitStatus.SIGNALED, b.waitFor(0));
                    assertEquals(WaitStatus.SIGNALED, c.waitFor(0));
                    b.release();                           // out of order, between c and glibc's
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "ends-holding-a-c-and-glibc");
            owner.start();
            owner.join(30_000);
            assertNull(failure.get());
            assertEquals(WaitStatus.ABANDONED, a.waitFor(SECOND));
            assertEquals(WaitStatus.SIGNALED, b.waitFor(SECOND));
            assertEquals(WaitStatus.ABANDONED, c.waitFor(SECOND));
            assertEquals(EOWNERDEAD, Pthread.pthread_mutex_lock(g));
            assertEquals(0, Pthread.pthread_mutex_consistent(g));
            assertEquals(0, Pthread.pthread_mutex_unlock(g));
            c.release();
            b.release();
            a.release();
            assertTrue(RobustThread.current().listIsEmpty());
        } finally {
            a.close();
            b.close();
            c.close();
        }
    }
}
