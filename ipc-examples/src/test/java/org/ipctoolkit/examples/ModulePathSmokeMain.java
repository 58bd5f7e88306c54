package org.ipctoolkit.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;
import org.ipctoolkit.sharedmem.SharedMemory;

/**
 * The child of {@link ModulePathSmokeTest}: runs on the class path while the library runs as named
 * modules on the module path, so that every {@code module-info} (qualified exports, requires) is in
 * force. Creates a shared memory object, writes it, reads it back through a second handle, lets the
 * parent (on the class path) read and write it, and reads the parent's word.
 *
 * <p>Protocol on standard output: {@code modules ...}, then {@code created NAME} once the object
 * holds {@link #CHILD_WORD} at offset 0; after the parent's line on standard input, {@code read HEX}
 * with the word at offset 8. Exits 0, or 1 with a {@code FAILED} line.
 */
public final class ModulePathSmokeMain {
    /** What the child writes at offset 0. */
    static final long CHILD_WORD = 0x0123_4567_89ab_cdefL;
    /** What the parent writes at offset 8. */
    static final long PARENT_WORD = 0x7edc_ba98_7654_3210L;

    private ModulePathSmokeMain() {
    }

    /**
     * Runs the child.
     *
     * @param args the object's name
     * @throws IOException if standard input cannot be read
     */
    public static void main(String[] args) throws IOException {
        String name = args[0];
        Module library = SharedMemory.class.getModule();
        if (!library.isNamed()) {
            fail("SharedMemory was loaded from the class path, not from the module path: " + library);
        }
        System.out.println("modules " + ModuleLayer.boot().modules().stream().map(Module::getName)
                .filter(m -> !m.startsWith("java.") && !m.startsWith("jdk."))
                .sorted().collect(Collectors.joining(" ")));
        try (SharedMemory shm = SharedMemory.create(name, 4096)) {
            ByteBuffer buffer = shm.buffer();
            buffer.putLong(0, CHILD_WORD);
            try (SharedMemory again = SharedMemory.open(name)) {
                long seen = again.buffer().getLong(0);
                if (seen != CHILD_WORD) {
                    fail("a second handle reads " + Long.toHexString(seen));
                }
            }
            System.out.println("created " + name);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (in.readLine() == null) {
                fail("the parent closed standard input");
            }
            System.out.println("read " + Long.toHexString(buffer.getLong(8)));
        }
    }

    private static void fail(String why) {
        System.out.println("FAILED " + why);
        System.exit(1);
    }
}
