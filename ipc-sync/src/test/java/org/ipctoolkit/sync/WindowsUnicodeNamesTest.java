package org.ipctoolkit.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.win32.W32APIOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Windows backend calls the {@code W} functions ({@code CreateMutexW}, {@code OpenEventW},
 * {@code CreateSemaphoreW}, ...) whatever {@code -Dw32.ascii=true} says: a child JVM started with
 * that property creates the three kinds under a Chinese name, and this process opens them by it.
 * Windows only: the property means nothing to the Linux backend.
 */
@Tag("windows-only")
class WindowsUnicodeNamesTest {

    @Test
    void aChildWithW32AsciiCreatesUnicodeNamesThatThisProcessOpens() {
        String name = "互斥-" + TestNames.unique("ascii");
        try (ChildProcess child = ChildProcess.startJava(List.of("-Dw32.ascii=true"), AsciiPropertyPeer.class)) {
            assertEquals("ASCII true", child.awaitLine("ASCII"), "the child's JNA defaults are the ANSI ones");
            // The name travels on standard input (UTF-8): main's arguments are decoded in the ANSI code page.
            child.send(name);
            child.awaitLine("CREATED");
            try (NamedMutex m = NamedMutex.open(name + "-m");
                 NamedEvent e = NamedEvent.open(name + "-e");
                 NamedSemaphore s = NamedSemaphore.open(name + "-s")) {
                assertFalse(m.created());
                assertTrue(e.await(Duration.ZERO), "the child's event, created signaled");
                assertTrue(s.tryAcquire(), "the child's semaphore, created with one unit");
            }
            assertThrows(IpcNotFoundException.class, () -> NamedMutex.open("??-" + name.substring(3) + "-m"),
                    "the name did not become ANSI question marks");
            child.send("exit");
            child.assertSucceeds();
        }
        assertThrows(IpcNotFoundException.class, () -> NamedMutex.open(name + "-m"));
    }

    /** The child: run with {@code -Dw32.ascii=true}; creates the objects named on its first input line. */
    public static final class AsciiPropertyPeer {
        private AsciiPropertyPeer() {
        }

        /**
         * @param args none
         * @throws Exception on any failure (the test then fails with the child's output)
         */
        public static void main(String[] args) throws Exception {
            System.out.println("ASCII " + (W32APIOptions.DEFAULT_OPTIONS == W32APIOptions.ASCII_OPTIONS));
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            String name = in.readLine();
            try (NamedMutex m = NamedMutex.create(name + "-m");
                 NamedEvent e = NamedEvent.create(name + "-e", true, true);
                 NamedSemaphore s = NamedSemaphore.create(name + "-s", 1, 1)) {
                System.out.println("CREATED " + m.created() + e.created() + s.created());
                in.readLine();
            }
        }
    }
}
