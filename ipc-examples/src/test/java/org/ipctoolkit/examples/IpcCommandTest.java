package org.ipctoolkit.examples;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.SeedRecords;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code ipc} tool, run as separate processes the way a person runs it; on every backend. */
class IpcCommandTest {
    static final String DECL = SeedRecords.TSHAREMEM_DECLARATION;

    /** Runs the tool in this JVM for commands whose output alone is checked. */
    static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = IpcCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    record Result(int code, String out, String err) {
    }

    /** @return how many times {@code part} occurs in {@code text}, not overlapping */
    static int count(String text, String part) {
        int n = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            n++;
        }
        return n;
    }

    @Test
    void writeHoldsTheRecordForAnotherProcessToRead() {
        String name = TestNames.unique("cli");
        try (ChildProcess writer = ChildProcess.startJava(IpcCommand.class, "shm", "write", name,
                "--record", DECL, "--set", "id=8888", "--set", "name=Terry", "--set", "age=25", "--hold", "2m")) {
            assertTrue(writer.awaitLine("Holding").contains("its data lives only while a holder has it open"));
            try (ChildProcess reader = ChildProcess.startJava(IpcCommand.class, "shm", "read", name, "--record", DECL)) {
                reader.assertSucceeds();
                String out = reader.transcript();
                assertTrue(out.contains("id = \"8888\""), out);
                assertTrue(out.contains("name = \"Terry\""), out);
                assertTrue(out.contains("age = 25"), out);
            }
            Result dump = run("shm", "dump", name);
            assertEquals(0, dump.code(), dump.err());
            assertTrue(dump.out().contains("00000020  19 00 00 00"), dump.out());
            writer.terminate();
        }
        assertThrows(IpcNotFoundException.class, () -> SharedMemory.open(name), "stopping the only holder ends it");
    }

    @Test
    void aBadFieldValueIsRefusedAndWritesNothing() {
        String name = TestNames.unique("cli");
        try (SharedMemory existing = SharedMemory.create(name, 36)) {
            Result r = run("shm", "write", name, "--record", DECL, "--set", "age=7",
                    "--set", "id=123456789012", "--hold", "1ms");
            assertEquals(IpcCommand.FAILED, r.code());
            assertTrue(r.err().contains("id") && r.err().contains("string[10]"), r.err());
            assertEquals(0, existing.buffer().getInt(32), "the valid age=7 was not written either");
            assertFalse(r.out().contains("Opened"), "arguments are checked before the object is opened: " + r.out());
        }
    }

    @Test
    void failuresAreOneClearLineAndExitCode1() {
        Result missing = run("shm", "read", TestNames.unique("cli"), "--record", DECL);
        assertEquals(IpcCommand.FAILED, missing.code());
        assertTrue(missing.err().startsWith("ipc: open") || missing.err().startsWith("ipc: OpenFileMapping"),
                missing.err());
        assertTrue(missing.err().contains("2 ("), missing.err());
        Result zero = run("shm", "write", TestNames.unique("cli"), "--size", "0", "--hex", "00");
        assertEquals(IpcCommand.USAGE, zero.code());
        assertTrue(zero.err().contains("size must be"), zero.err());
        Result badDecl = run("shm", "read", "x", "--record", "TFoo = record a: Strin; end;");
        assertEquals(IpcCommand.FAILED, badDecl.code());
        assertTrue(badDecl.err().contains("Strin"), badDecl.err());
        Result nothing = run("shm", "write", "x", "--size", "4");
        assertEquals(IpcCommand.USAGE, nothing.code(), "a usage error");
    }

    @Test
    void theSharedMemoryDemoRunsAsTwoProcesses() {
        String name = TestNames.unique("demo");
        try (ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "sharedmem", "--name", name)) {
            demo.assertSucceeds();
            String out = demo.transcript();
            assertTrue(out.contains("reader |   id:   8888"), out);
            assertTrue(out.contains("reader |   name: Terry"), out);
            assertTrue(out.contains("reader |   age:  25"), out);
            assertTrue(out.indexOf("reader | UnmapViewOfFile") < out.lastIndexOf("writer | UnmapViewOfFile"), out);
            assertTrue(out.contains("Demo finished."), out);
        }
    }

    @Test
    void theDemoRefusesANameThatAlreadyExistsRatherThanShowForeignData() {
        String name = TestNames.unique("demo");
        try (SharedMemory foreign = SharedMemory.create(name, 36)) {
            foreign.buffer().put(0, new byte[] {3, 'f', 'o', 'o'});
            try (ChildProcess demo = ChildProcess.startJava(IpcCommand.class, "demo", "sharedmem", "--name", name)) {
                assertEquals(IpcCommand.FAILED, demo.waitFor(ChildProcess.DEFAULT_TIMEOUT), demo.transcript());
                String out = demo.transcript();
                assertFalse(out.contains("reader |"), "the reader never starts: " + out);
                assertTrue(out.contains("already exists") && out.contains("--name"), out);
            }
            assertEquals(3, foreign.buffer().get(0), "the foreign object is untouched");
        }
    }
}
