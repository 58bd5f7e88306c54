package org.ipctoolkit.examples;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.sharedmem.SharedMemory;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ipc shm}: named shared memory (Win32 file mappings; {@code /dev/shm} on Linux). */
@Command(name = "shm", mixinStandardHelpOptions = true,
        description = "Named shared memory: CreateFileMapping/OpenFileMapping on Windows, /dev/shm on Linux.")
final class ShmCommand {
    @Spec
    CommandSpec spec;

    /** A record layout given as Delphi source, inline or in a file. */
    static final class RecordSource {
        @Option(names = "--record", paramLabel = "DECL",
                description = "A Delphi record declaration, e.g. 'TShareMem = record id: string[10]; "
                        + "name: string[20]; age: Integer; end;'")
        String declaration;

        @Option(names = "--record-file", paramLabel = "FILE", description = "A file holding the record declaration.")
        Path file;

        DelphiRecord parse(Charset charset) {
            try {
                String source = declaration != null ? declaration : Files.readString(file, StandardCharsets.UTF_8);
                return DelphiRecord.parse(source, charset);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = {"Create (or open) a shared memory object, write a Delphi record or raw bytes into it,"
                    + " then hold it open.",
                    "Under Win32 lifetime the object and its data go away when the last holder exits,"
                            + " so this command keeps holding it: for --hold, or until interrupted."})
    int write(@Parameters(paramLabel = "NAME", description = "The object's name, e.g. ShareMem") String name,
              @Option(names = "--size", paramLabel = "N", description = "Size in bytes (default: the record's size).")
              Long size,
              @ArgGroup(exclusive = true) RecordSource record,
              @Option(names = "--set", paramLabel = "FIELD=VALUE", description = "A field value (repeatable).")
              List<String> assignments,
              @Option(names = "--hex", paramLabel = "BYTES", description = "Raw bytes to write at offset 0, in hex.")
              String hex,
              @Option(names = "--charset", paramLabel = "CS", defaultValue = "windows-1252",
                      description = "ANSI code page of ShortStrings (default: ${DEFAULT-VALUE}; GBK for Chinese programs).")
              Charset charset,
              @Option(names = "--hold", paramLabel = "DURATION", converter = DurationConverter.class,
                      description = "How long to hold the object (500ms, 30s, 5m, 1h); default: until interrupted.")
              Duration hold) throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        DelphiRecord layout = record == null ? null : record.parse(charset);
        byte[] raw = hex == null ? null : HexFormat.of().parseHex(hex.replaceAll("[\\s:]", ""));
        if (layout == null && raw == null) {
            throw new ParameterException(spec.commandLine(), "give --record (with --set) or --hex: there is nothing to write");
        }
        if (layout == null && assignments != null) {
            throw new ParameterException(spec.commandLine(), "--set needs --record to say where the fields are");
        }
        long bytes = size != null ? size : Math.max(layout == null ? 0 : layout.size(), raw == null ? 0 : raw.length);
        try (SharedMemory shm = SharedMemory.createOrOpen(name, bytes)) {
            out.printf("%s shared memory \"%s\" (%d bytes)%n", shm.created() ? "Created" : "Opened", name, shm.size());
            ByteBuffer shared = shm.buffer();
            // Everything is applied to a copy first, so a bad --set leaves the shared bytes untouched.
            ByteBuffer staged = ByteBuffer.allocate((int) Math.min(shm.size(),
                    Math.max(layout == null ? 0 : layout.size(), raw == null ? 0 : raw.length)));
            staged.put(0, shared, 0, staged.capacity());
            if (raw != null) {
                staged.put(0, raw);
            }
            if (layout != null) {
                for (String assignment : assignments == null ? List.<String>of() : assignments) {
                    int eq = assignment.indexOf('=');
                    if (eq < 1) {
                        throw new ParameterException(spec.commandLine(), "--set wants FIELD=VALUE, got '" + assignment + "'");
                    }
                    RecordText.set(layout, staged, assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
                }
            }
            shared.put(0, staged, 0, staged.capacity());
            if (raw != null) {
                out.printf("Wrote %d raw bytes at offset 0%n", raw.length);
            }
            if (layout != null) {
                out.printf("Wrote record %s:%n%s", layout.name(), indent(RecordText.format(layout, shared)));
            }
            out.flush();
            // Ctrl+C or SIGTERM: close, so that the name goes at once instead of being left stale on Linux.
            Thread closeOnExit = new Thread(shm::close, "ipc-shm-close");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            holdOpen(out, name, hold);
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        }
        out.printf("Closed shared memory \"%s\"%n", name);
        return 0;
    }

    private static void holdOpen(PrintWriter out, String name, Duration hold) throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        if (hold == null) {
            out.printf("Holding \"%s\" until interrupted (Ctrl+C): its data lives only while a holder has it open.%n", name);
            out.flush();
            never.await();
        } else {
            out.printf("Holding \"%s\" for %s: its data lives only while a holder has it open.%n", name, describe(hold));
            out.flush();
            never.await(hold.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Open a shared memory object read-only and print it as a Delphi record.")
    int read(@Parameters(paramLabel = "NAME") String name,
             @ArgGroup(exclusive = true, multiplicity = "1") RecordSource record,
             @Option(names = "--charset", paramLabel = "CS", defaultValue = "windows-1252",
                     description = "ANSI code page of ShortStrings (default: ${DEFAULT-VALUE}).") Charset charset) {
        DelphiRecord layout = record.parse(charset);
        PrintWriter out = spec.commandLine().getOut();
        try (SharedMemory shm = SharedMemory.open(name, SharedMemory.Option.READ_ONLY)) {
            if (shm.size() < layout.size()) {
                throw new IllegalArgumentException("shared memory \"" + name + "\" has " + shm.size()
                        + " bytes, fewer than record " + layout.name() + " needs (" + layout.size() + ")");
            }
            out.printf("Shared memory \"%s\" (%d bytes) as %s:%n%s", name, shm.size(), layout.name(),
                    indent(RecordText.format(layout, shm.buffer())));
        }
        return 0;
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Open a shared memory object read-only and print its bytes in hex.")
    int dump(@Parameters(paramLabel = "NAME") String name,
             @Option(names = "--length", paramLabel = "N", description = "Print at most N bytes (default: all).")
             Long length) {
        PrintWriter out = spec.commandLine().getOut();
        try (SharedMemory shm = SharedMemory.open(name, SharedMemory.Option.READ_ONLY)) {
            long n = Math.min(shm.size(), length == null ? Long.MAX_VALUE : length);
            out.printf("Shared memory \"%s\" (%d bytes)%n", name, shm.size());
            for (String line : hexDump(shm.slice(0, (int) Math.min(n, Integer.MAX_VALUE)))) {
                out.println(line);
            }
        }
        return 0;
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = {"Linux: remove a stale name from /dev/shm (its last holder died without closing).",
                    "Windows has no stale names: the kernel deletes a file mapping with its last handle."})
    int rm(@Parameters(paramLabel = "NAME") String name,
           @Option(names = "--force", description = "Also remove a live object, or one another program created.")
           boolean force) {
        PrintWriter out = spec.commandLine().getOut();
        if (Platform.current().isWindows()) {
            out.println("Nothing to remove: on Windows a file mapping exists only while a process holds a handle"
                    + " to it, and the kernel deletes it with the last one, even after a crash.");
            return 0;
        }
        boolean stale = SharedMemory.removeName(name, force);
        out.printf(stale ? "Removed the stale name \"%s\"%n"
                : "Removed \"%s\" by force; processes that hold it keep their memory%n", name);
        return 0;
    }

    static List<String> hexDump(ByteBuffer bytes) {
        List<String> lines = new ArrayList<>();
        for (int row = 0; row < bytes.limit(); row += 16) {
            StringBuilder hexPart = new StringBuilder();
            StringBuilder text = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < bytes.limit()) {
                    int b = bytes.get(i) & 0xFF;
                    hexPart.append(String.format("%02x ", b));
                    text.append(b >= 0x20 && b < 0x7F ? (char) b : '.');
                } else {
                    hexPart.append("   ");
                }
                if (i == row + 7) {
                    hexPart.append(' ');
                }
            }
            lines.add(String.format("%08x  %s |%s|", row, hexPart, text));
        }
        return lines;
    }

    private static String indent(String lines) {
        StringBuilder b = new StringBuilder();
        for (String line : lines.split("\n")) {
            b.append("  ").append(line).append(System.lineSeparator());
        }
        return b.toString();
    }
}
