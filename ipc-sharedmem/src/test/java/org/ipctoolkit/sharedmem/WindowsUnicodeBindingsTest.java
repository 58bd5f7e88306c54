package org.ipctoolkit.sharedmem;

import static org.junit.jupiter.api.Assertions.*;

import com.sun.jna.win32.W32APIOptions;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The Win32 backend calls the {@code W} functions whatever {@code -Dw32.ascii=true} says (that
 * property turns jna-platform's {@code Kernel32.INSTANCE} into the ANSI functions, which would make
 * a name outside the ANSI code page {@code ?}). A child JVM started with the property creates an
 * object with a Chinese name; this process opens it by that name. Windows only: the property means
 * nothing to the Linux backend.
 */
@Tag("windows-only")
@EnabledOnOs(OS.WINDOWS)
class WindowsUnicodeBindingsTest {

    @Test
    void aChildWithW32AsciiCreatesAUnicodeNameThatThisProcessOpens() {
        String name = "共享内存-" + TestNames.unique("ascii");
        try (ChildProcess child = ChildProcess.startJava(List.of("-Dw32.ascii=true"), AsciiPropertyPeer.class)) {
            assertEquals("ASCII true", child.awaitLine("ASCII"), "the child's JNA defaults are the ANSI ones");
            // The name travels on standard input (UTF-8): main's arguments are decoded in the ANSI code page.
            child.send(name);
            String created = child.awaitLine("CREATED");
            try (SharedMemory shm = SharedMemory.open(name)) {
                assertEquals(0x4d, shm.buffer().get(0), "the child's object, by its Unicode name");
            }
            IpcNotFoundException mine = assertThrows(IpcNotFoundException.class,
                    () -> SharedMemory.open(name + "-missing"));
            assertEquals("CREATED " + mine.nativeError().orElseThrow().text(), created,
                    "the child's FormatMessage text is the Unicode one too");
            child.send("exit");
            child.assertSucceeds();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name));
    }

    /** The child: run with {@code -Dw32.ascii=true}; creates the object named on its first input line. */
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
            try (SharedMemory shm = SharedMemory.create(name, 64)) {
                shm.buffer().put(0, (byte) 0x4d);
                String text;
                try {
                    SharedMemory.open(name + "-missing").close();
                    text = "opened a missing object";
                } catch (IpcNotFoundException e) {
                    text = e.nativeError().orElseThrow().text();
                }
                System.out.println("CREATED " + text);
                in.readLine();
            }
        }
    }
}
