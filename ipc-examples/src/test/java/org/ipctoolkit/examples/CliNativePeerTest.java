package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.NativePeers;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** {@code ipc shm read} reads the record a native Windows program wrote. Windows only. */
@Tag("windows-only")
@EnabledOnOs(OS.WINDOWS)
class CliNativePeerTest {

    @Test
    void shmReadShowsTheNativeProgramsRecord() {
        String name = TestNames.unique("clinative");
        try (ChildProcess peer = NativePeers.start("tsharemem", "write", name)) {
            peer.awaitLine("READY");
            try (ChildProcess cli = ChildProcess.startJava(IpcCommand.class, "shm", "read", name,
                    "--record", IpcCommandTest.DECL)) {
                cli.assertSucceeds();
                String out = cli.transcript();
                assertTrue(out.contains("id = \"8888\""), out);
                assertTrue(out.contains("name = \"Terry\""), out);
                assertTrue(out.contains("age = 25"), out);
            }
            peer.send("done");
            peer.assertSucceeds();
        }
    }
}
