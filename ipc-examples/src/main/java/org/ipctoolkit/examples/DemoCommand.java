package org.ipctoolkit.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.sharedmem.SharedMemory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ipc demo}: the scenarios of the source documents, each as real, separate processes.
 *
 * <p>{@code ipc demo sharedmem} is the "Delphi shared memory" article's pair of programs: the
 * writer creates the file mapping and writes the {@code TShareMem} record (8888 / Terry / 25);
 * the reader opens it, prints the record, unmaps and closes; then the writer unmaps and closes.
 * Each is its own JVM and prints its steps.
 *
 * <p>{@code ipc demo smem} is the "Delphi IPC" article's DemoSMem: see {@link SmemDemo}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Run the source documents' scenarios.",
        subcommands = {SmemDemo.class, MailslotDemo.class, CopyDataDemo.class, ClipboardDemo.class, PipeDemo.class, ClipboardDemo.Reader.class})
final class DemoCommand {
    /** The record of the source documents, pasted from its Delphi declaration. */
    static final String TSHAREMEM = "TShareMem = record\n  id: string[10];\n  name: string[20];\n  age: Integer;\nend;";

    private static final Logger LOG = LoggerFactory.getLogger("demo");

    @Command(name = "sharedmem", mixinStandardHelpOptions = true,
            description = "A writer and a reader process share the TShareMem record through a named file mapping.")
    int sharedMemory(@Option(names = "--name", paramLabel = "NAME", defaultValue = "ShareMem",
            description = "The file mapping's name (default: ${DEFAULT-VALUE}); it must not exist yet."
                    + " \\uXXXX escapes are decoded.") String nameArgument)
            throws IOException, InterruptedException {
        String name = ShmCommand.objectName(nameArgument);
        String quoted = CliText.quote(name);
        // The writer creates the object; the reader must never be shown another program's object as
        // the demo's data. create() in the writer refuses an existing name even if one appears now.
        try (SharedMemory existing = SharedMemory.open(name, SharedMemory.Option.READ_ONLY,
                SharedMemory.Option.ALLOW_OTHER_OWNER)) {
            LOG.error("Shared memory {} already exists ({} bytes), held by another program: the demo creates its"
                    + " own object, so pick a name that is free with --name", quoted, existing.size());
            return IpcCommand.FAILED;
        } catch (IpcNotFoundException free) {
            // as it should be
        }
        LOG.info("Shared memory demo: two processes, one named file mapping {}, record:\n{}", quoted, TSHAREMEM);
        try (Role writer = Role.start("writer", "sharedmem-writer", CliText.escapeNonAscii(name))) {
            if (!writer.relayUntil("waiting for the reader")) {
                LOG.error("The writer could not create shared memory {} (exit code {}); the reader was not started."
                        + " If the name already exists, pick another with --name", quoted, writer.exitCode());
                return IpcCommand.FAILED;
            }
            try (Role reader = Role.start("reader", "sharedmem-reader", CliText.escapeNonAscii(name))) {
                reader.relayUntil(null);
                if (reader.exitCode() != 0) {
                    LOG.error("The reader failed (exit code {})", reader.exitCode());
                    return IpcCommand.FAILED;
                }
            }
            writer.send("continue");
            writer.relayUntil(null);
            if (writer.exitCode() != 0) {
                LOG.error("The writer failed (exit code {})", writer.exitCode());
                return IpcCommand.FAILED;
            }
        }
        try (SharedMemory gone = SharedMemory.open(name)) {
            LOG.error("{} still exists ({} bytes) after both programs closed it", quoted, gone.size());
            return IpcCommand.FAILED;
        } catch (IpcNotFoundException expected) {
            LOG.info("Both programs closed it, so {} no longer exists: {}", quoted,
                    CliText.relay(expected.getMessage(), List.of(name)));
        }
        LOG.info("Demo finished.");
        return 0;
    }

    @Command(name = "sharedmem-writer", hidden = true)
    int writer(@Parameters(paramLabel = "NAME") String nameArgument) throws IOException {
        String name = ShmCommand.objectName(nameArgument);
        DelphiRecord record = DelphiRecord.parse(TSHAREMEM);
        SharedMemory shm = SharedMemory.create(name, record.size());
        LOG.info("CreateFileMapping + MapViewOfFile: created and mapped {} ({} bytes)", CliText.quote(name), shm.size());
        ByteBuffer p = shm.buffer();
        record.putString(p, "id", "8888");
        record.putString(p, "name", "Terry");
        record.putInt(p, "age", 25);
        LOG.info("Wrote the user info into the shared memory: id=8888, name=Terry, age=25");
        LOG.info("Holding the mapping open, waiting for the reader (the data lives only while a holder has it open)");
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        shm.close();
        LOG.info("UnmapViewOfFile + CloseHandle: unmapped the view and closed the file mapping");
        return 0;
    }

    @Command(name = "sharedmem-reader", hidden = true)
    int reader(@Parameters(paramLabel = "NAME") String nameArgument) {
        String name = ShmCommand.objectName(nameArgument);
        DelphiRecord record = DelphiRecord.parse(TSHAREMEM);
        try (SharedMemory shm = SharedMemory.open(name)) {
            LOG.info("OpenFileMapping + MapViewOfFile: opened and mapped {} ({} bytes)", CliText.quote(name), shm.size());
            ByteBuffer p = shm.buffer();
            LOG.info("User info read from the shared memory:\n  id:   {}\n  name: {}\n  age:  {}",
                    record.getString(p, "id"), record.getString(p, "name"), record.getInt(p, "age"));
        }
        LOG.info("UnmapViewOfFile + CloseHandle: unmapped the view and closed the file mapping");
        return 0;
    }

    /** One program of a demo: this tool again, in its own JVM, with its output relayed line by line. */
    static final class Role implements AutoCloseable {
        private final String label;
        private final Process process;
        private final BufferedReader output;
        private final Writer input;

        private Role(String label, Process process) {
            this.label = label;
            this.process = process;
            this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /**
         * Starts {@code ipc demo ARGS...} in a new JVM.
         *
         * @param label what its relayed lines are labelled with
         * @param args  the arguments after {@code demo}; ASCII only (escape names with {@link CliText#escapeNonAscii}),
         *              so that no code page or locale can lose a character
         */
        static Role start(String label, String... args) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin",
                    Platform.current().isWindows() ? "java.exe" : "java").toString());
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(IpcCommand.class.getName());
            command.add("demo");
            command.addAll(List.of(args));
            return new Role(label, new ProcessBuilder(command).redirectErrorStream(true).start());
        }

        /**
         * Relays the program's lines until one contains {@code marker}, or until it ends if null.
         *
         * @return true if the marker was seen (or was null), false if the program ended first
         */
        boolean relayUntil(String marker) throws IOException {
            String line;
            while ((line = output.readLine()) != null) {
                String relayed = String.format("%-6s | %s", label, CliText.sanitize(line));
                synchronized (System.out) {   // whole lines, when several programs are relayed at once
                    PrintWriter out = new PrintWriter(System.out, true);
                    out.println(relayed);
                }
                if (marker != null && line.contains(marker)) {
                    return true;
                }
            }
            return marker == null;
        }

        /**
         * Relays every program's lines at once until they all end, then checks their exit codes.
         *
         * @param roles the programs
         * @return the label of the first program that failed (with its exit code), or null if all succeeded
         */
        static String relayAllToEnd(List<Role> roles) throws InterruptedException {
            List<Thread> relays = new ArrayList<>();
            for (Role role : roles) {
                Thread relay = new Thread(() -> {
                    try {
                        role.relayUntil(null);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, "relay");
                relay.start();
                relays.add(relay);
            }
            for (Thread relay : relays) {
                relay.join();
            }
            for (Role role : roles) {
                int code = role.exitCode();
                if (code != 0) {
                    return role.label + " (exit code " + code + ")";
                }
            }
            return null;
        }

        void send(String line) throws IOException {
            input.write(line + "\n");
            input.flush();
        }

        int exitCode() throws InterruptedException {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }
}
