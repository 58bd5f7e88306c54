package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * {@code close()} gives the memory back on Linux even while buffers are reachable: the file's pages
 * leave {@code /dev/shm} at once (a 64 MiB {@code /dev/shm}, Docker's default, could otherwise not
 * hold a 40 MiB object twice in a row), and {@code /proc/self/maps} no longer maps the file. What a
 * stale buffer then touches is private memory of this process. Linux only: {@code /dev/shm}'s free
 * space and {@code /proc/self/maps} have no Windows counterpart a test can read (there the same rules
 * are checked through the API in {@link SharedMemoryBufferLifetimeTest}).
 */
@Tag("linux-only")
@EnabledOnOs(OS.LINUX)
class LinuxSharedMemoryCloseTest {
    private static final int SIZE = 40 << 20;
    /** What other processes may take or give back in /dev/shm meanwhile without failing the test. */
    private static final long SLACK = 8 << 20;

    @BeforeAll
    static void notUnderStrictOvercommit() throws IOException {
        Assumptions.assumeFalse(Files.readString(Path.of("/proc/sys/vm/overcommit_memory")).trim().equals("2"),
                "under strict overcommit the closed view is kept until collected, as documented");
    }

    private static long freeInDevShm() throws IOException {
        return Files.getFileStore(Path.of(LinuxNamedObject.SHM_DIR)).getUnallocatedSpace();
    }

    /**
     * Whether this process maps the file of inode {@code ino} in /dev/shm. The path in
     * /proc/self/maps is the one the file had when it was opened (an unnamed {@code O_TMPFILE},
     * named later), so the inode is what identifies it.
     */
    private static boolean mapped(long ino) throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .map(line -> line.trim().split("\\s+", 6))
                .anyMatch(f -> f.length == 6 && f[4].equals(Long.toString(ino)) && f[5].startsWith(LinuxNamedObject.SHM_DIR));
    }

    @Test
    void closeGivesTheMemoryBackWhileItsBuffersAreStillReachable() throws IOException {
        List<ByteBuffer> stale = new ArrayList<>();
        for (int round = 0; round < 3; round++) {
            String name = TestNames.unique("release");
            Path file = ShmTraces.fileOf(name);
            long before = freeInDevShm();
            SharedMemory shm = SharedMemory.create(name, SIZE);
            ByteBuffer b = shm.buffer();
            for (int i = 0; i < SIZE; i += 4096) {
                b.put(i, (byte) 1);
            }
            stale.add(b);
            long ino = ((Number) Files.getAttribute(file, "unix:ino")).longValue();
            long held = freeInDevShm();
            assertTrue(before - held > SIZE - SLACK, "round " + round + ": the object takes its 40 MiB: " + before
                    + " -> " + held);
            assertTrue(mapped(ino), "this process maps " + file + " (inode " + ino + ")");

            shm.close();

            assertFalse(mapped(ino), "round " + round + ": " + file + " is still mapped after close");
            long after = freeInDevShm();
            assertTrue(after - held > SIZE - SLACK, "round " + round + ": close gave back " + (after - held)
                    + " bytes of /dev/shm, not the object's " + SIZE);
        }
        for (ByteBuffer b : stale) {
            assertEquals(0, b.get(0), "a stale buffer reads the zeros of its private memory");
            b.put(0, (byte) 2);
            assertEquals(2, b.get(0));
        }
    }

    @Test
    void aBufferInUseOnAnotherThreadWhileCloseRunsDoesNotCrash() throws InterruptedException {
        for (int round = 0; round < 10; round++) {
            SharedMemory shm = SharedMemory.create(TestNames.unique("race"), 1 << 20);
            ByteBuffer b = shm.buffer();
            CountDownLatch started = new CountDownLatch(1);
            AtomicLong touches = new AtomicLong();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread user = new Thread(() -> {
                try {
                    started.countDown();
                    for (int i = 0; i < 1_000_000; i++) {
                        int at = (i * 4096 + i) & ((1 << 20) - 8);
                        b.putLong(at, b.getLong(at) + 1);
                        touches.incrementAndGet();
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "buffer-user");
            user.start();
            assertTrue(started.await(10, TimeUnit.SECONDS));
            shm.close();
            user.join(TimeUnit.SECONDS.toMillis(60));
            assertFalse(user.isAlive());
            assertNull(failure.get());
            assertTrue(touches.get() > 0);
        }
    }
}
