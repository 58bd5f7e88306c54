package org.ipctoolkit.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The native Windows peer programs of {@code interop/windows/}, built with MinGW by
 * {@code scripts/setup-windows}. The Windows run tells where they are with the system property
 * {@value #DIRECTORY_PROPERTY}.
 */
public final class NativePeers {
    /** The system property naming the directory of the built peers. */
    public static final String DIRECTORY_PROPERTY = "ipctoolkit.interop.dir";

    private NativePeers() {
    }

    /**
     * Starts a native peer.
     *
     * @param program the program's name without {@code .exe}, e.g. {@code tsharemem}
     * @param args    its arguments
     * @return the running peer
     */
    public static ChildProcess start(String program, String... args) {
        String dir = System.getProperty(DIRECTORY_PROPERTY);
        if (dir == null) {
            throw new AssertionError("the system property " + DIRECTORY_PROPERTY
                    + " must name the directory of the native peers (scripts/test-windows sets it)");
        }
        Path exe = Path.of(dir, program + ".exe");
        if (!Files.isRegularFile(exe)) {
            throw new AssertionError(exe + " does not exist: scripts/setup-windows builds it");
        }
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(List.of(args));
        return ChildProcess.start(program, command);
    }
}
