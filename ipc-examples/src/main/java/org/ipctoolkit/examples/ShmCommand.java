package org.ipctoolkit.examples;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.Platform;
import org.ipctoolkit.delphi.CorruptRecordException;
import org.ipctoolkit.delphi.DelphiRecord;
import org.ipctoolkit.sharedmem.SharedMemory;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ipc shm}: named shared memory (Win32 file mappings; {@code /dev/shm} on Linux).
 *
 * <p>Each subcommand checks every argument (the name, the record, the values, the hex bytes, the
 * sizes) before it creates or opens an object. Object names and {@code --set} fields and values may
 * hold <code>&#92;uXXXX</code> escapes ({@link CliText}); names are printed quoted and escaped.
 */
@Command(name = "shm", mixinStandardHelpOptions = true,
        description = "Named shared memory: CreateFileMapping/OpenFileMapping on Windows, /dev/shm on Linux.")
final class ShmCommand {
    /** What every object of this command is called in messages. */
    private static final String KIND = "shared memory";
    /** How many bytes {@code dump} maps at a time. */
    private static final int DUMP_CHUNK = 1 << 16;
    private static final String NAME_HELP = "The object's name, e.g. ShareMem (\\uXXXX escapes are decoded).";

    @Spec
    CommandSpec spec;

    /** A record layout given as Delphi source, inline or in a file. */
    static final class RecordSource {
        @Option(names = "--record", paramLabel = "DECL",
                description = "A Delphi record declaration, e.g. 'TShareMem = record id: string[10]; "
                        + "name: string[20]; age: Integer; end;'")
        String declaration;

        @Option(names = "--record-file", paramLabel = "FILE",
                description = "A UTF-8 file holding the record declaration (a regular file of at most 16 MiB).")
        Path file;

        DelphiRecord parse(Charset charset, CommandLine command) {
            String source;
            try {
                source = declaration != null ? declaration : InputFiles.readUtf8(file, "--record-file");
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command, e.getMessage(), e);
            }
            return DelphiRecord.parse(source, charset);
        }
    }

    @Command(name = "write", mixinStandardHelpOptions = true,
            description = {"Create (or open) a shared memory object, write a Delphi record or raw bytes into it,"
                    + " then hold it open.",
                    "Under Win32 lifetime the object and its data go away when the last holder exits,"
                            + " so this command keeps holding it: for --hold, or until interrupted.",
                    "Values are applied in this order: --hex, the --values file, then each --set."})
    int write(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
              @Option(names = "--size", paramLabel = "N", description = "Size in bytes (default: the record's size).")
              Long size,
              @ArgGroup(exclusive = true) RecordSource record,
              @Option(names = "--set", paramLabel = "FIELD=VALUE",
                      description = "A field value (repeatable); \\uXXXX escapes are decoded in FIELD and VALUE.")
              List<String> assignments,
              @Option(names = "--values", paramLabel = "FILE",
                      description = "A UTF-8 file of FIELD=VALUE lines, taken verbatim (no escapes);"
                              + " # starts a comment line.")
              Path valuesFile,
              @Option(names = "--hex", paramLabel = "BYTES", description = "Raw bytes to write at offset 0, in hex.")
              String hex,
              @Option(names = "--charset", paramLabel = "CS", defaultValue = "windows-1252",
                      description = "ANSI code page of ShortStrings (default: ${DEFAULT-VALUE}; GBK for Chinese"
                              + " programs). It is the record's, whatever the command line's is.")
              Charset charset,
              @Option(names = "--hold", paramLabel = "DURATION", converter = DurationConverter.class,
                      description = "How long to hold the object (500ms, 30s, 5m, 1h); default: until interrupted.")
              Duration hold,
              @Option(names = "--allow-other-owner",
                      description = "Linux: also open an existing object that belongs to another user.")
              boolean allowOtherOwner) throws InterruptedException {
        CommandLine command = spec.subcommands().get("write");
        PrintWriter out = command.getOut();
        // Every argument is checked before the object is created or opened.
        String name = objectName(nameArgument);
        DelphiRecord layout = record == null ? null : record.parse(charset, command);
        byte[] raw = hex == null ? null : parseHex(command, hex);
        if (layout == null && raw == null) {
            throw new ParameterException(command, "give --record (with --set or --values) or --hex: there is nothing to write");
        }
        if (layout == null && (assignments != null || valuesFile != null)) {
            throw new ParameterException(command, "--set and --values need --record to say where the fields are");
        }
        List<String> fieldValues = new ArrayList<>();
        if (valuesFile != null) {
            try {
                fieldValues.addAll(InputFiles.readAssignments(valuesFile, "--values"));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(command, e.getMessage(), e);
            }
        }
        for (String typed : assignments == null ? List.<String>of() : assignments) {
            int eq = typed.indexOf('=');
            if (eq < 1) {
                throw new ParameterException(command, "--set wants FIELD=VALUE, got " + CliText.quote(typed));
            }
            fieldValues.add(CliText.decodeEscapes(typed.substring(0, eq)).trim() + "="
                    + CliText.decodeEscapes(typed.substring(eq + 1)));
        }
        int extent = Math.max(layout == null ? 0 : layout.size(), raw == null ? 0 : raw.length);
        if (size != null && (size < 1 || size > SharedMemory.MAX_SIZE)) {
            throw new ParameterException(command, "--size must be 1 to " + SharedMemory.MAX_SIZE + " bytes, got " + size);
        }
        if (size != null && size < extent) {
            throw new ParameterException(command, (raw != null && raw.length == extent
                    ? "--hex has " + raw.length + " bytes" : "record " + layout.name() + " has " + extent + " bytes")
                    + ", more than --size " + size);
        }
        long bytes = size != null ? size : extent;
        // Everything is applied to a copy first, so a bad value is found before the object is touched;
        // then only the bytes that were written (the hex bytes, the fields set) are copied in.
        ByteBuffer staged = ByteBuffer.allocate(extent);
        List<int[]> written = new ArrayList<>();
        if (raw != null) {
            staged.put(0, raw);
            written.add(new int[] {0, raw.length});
        }
        for (String assignment : fieldValues) {
            int eq = assignment.indexOf('=');
            RecordText.set(layout, staged, assignment.substring(0, eq).trim(), assignment.substring(eq + 1));
            DelphiRecord.Field field = layout.field(assignment.substring(0, eq).trim());
            written.add(new int[] {field.offset(), field.size()});
        }
        try (SharedMemory shm = SharedMemory.createOrOpen(name, bytes, ownerOptions(allowOtherOwner))) {
            if (shm.size() < extent) {
                throw new IllegalArgumentException(KIND + " " + CliText.quote(name) + " has " + shm.size()
                        + " bytes, fewer than the " + extent + " to write");
            }
            out.printf("%s shared memory %s (%d bytes)%n", shm.created() ? "Created" : "Opened",
                    CliText.quote(name), shm.size());
            // A slice, not buffer(): the object may be larger than one ByteBuffer (2 GiB).
            ByteBuffer shared = shm.slice(0, extent);
            for (int[] range : written) {
                shared.put(range[0], staged, range[0], range[1]);
            }
            if (raw != null) {
                out.printf("Wrote %d raw bytes at offset 0%n", raw.length);
            }
            if (layout != null) {
                try {
                    out.printf("Wrote record %s:%n%s", layout.name(), indent(RecordText.format(layout, shared)));
                } catch (CorruptRecordException e) {
                    // The values are written; a field this command did not set holds bytes no value has.
                    out.printf("Wrote the values, but record %s cannot be shown: %s%n", layout.name(),
                            CliText.sanitize(e.getMessage()));
                }
            }
            out.flush();
            // Ctrl+C or SIGTERM: close, so that the name goes at once instead of being left stale on Linux.
            Thread closeOnExit = new Thread(shm::close, "ipc-shm-close");
            Runtime.getRuntime().addShutdownHook(closeOnExit);
            String lives = "its data lives only while a holder has it open.";
            Holding.hold(out, CliText.quote(name), hold, lives, lives);
            Runtime.getRuntime().removeShutdownHook(closeOnExit);
        }
        out.printf("Closed shared memory %s%n", CliText.quote(name));
        return 0;
    }

    /**
     * Decodes and checks an object name given on the command line.
     *
     * @param argument the name as typed, with <code>&#92;uXXXX</code> escapes
     * @return the name
     * @throws org.ipctoolkit.core.IpcInvalidArgumentException if it is not a valid name
     */
    static String objectName(String argument) {
        String name = CliText.decodeEscapes(argument);
        ObjectName.of(KIND, name);
        return name;
    }

    private static SharedMemory.Option[] ownerOptions(boolean allowOtherOwner) {
        return allowOtherOwner ? new SharedMemory.Option[] {SharedMemory.Option.ALLOW_OTHER_OWNER}
                : new SharedMemory.Option[0];
    }

    private static SharedMemory.Option[] readOptions(boolean allowOtherOwner) {
        return allowOtherOwner
                ? new SharedMemory.Option[] {SharedMemory.Option.READ_ONLY, SharedMemory.Option.ALLOW_OTHER_OWNER}
                : new SharedMemory.Option[] {SharedMemory.Option.READ_ONLY};
    }

    /**
     * Parses {@code --hex}: two hexadecimal digits per byte; spaces and colons between them are ignored.
     *
     * @param command the command, for a usage error
     * @param text    the option's value
     * @return the bytes, at least one
     * @throws ParameterException if the text is not that
     */
    static byte[] parseHex(CommandLine command, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int digits = 0;
        int high = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || c == ':') {
                continue;
            }
            int digit = c < 0x80 ? Character.digit(c, 16) : -1;
            if (digit < 0) {
                throw new ParameterException(command, "--hex: " + CliText.quote(String.valueOf(c)) + " at position "
                        + (i + 1) + " is not a hexadecimal digit; write two digits per byte, e.g. --hex 0102ff");
            }
            if (digits++ % 2 == 0) {
                high = digit;
            } else {
                bytes.write(high << 4 | digit);
            }
        }
        if (digits == 0) {
            throw new ParameterException(command, "--hex: no bytes given; write two digits per byte, e.g. --hex 0102ff");
        }
        if (digits % 2 != 0) {
            throw new ParameterException(command, "--hex: " + digits + " hexadecimal digits, an odd number;"
                    + " write two digits per byte, e.g. --hex 0102ff");
        }
        return bytes.toByteArray();
    }

    @Command(name = "read", mixinStandardHelpOptions = true,
            description = "Open a shared memory object read-only and print it as a Delphi record.")
    int read(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
             @ArgGroup(exclusive = true, multiplicity = "1") RecordSource record,
             @Option(names = "--charset", paramLabel = "CS", defaultValue = "windows-1252",
                     description = "ANSI code page of ShortStrings (default: ${DEFAULT-VALUE}).") Charset charset,
             @Option(names = "--allow-other-owner",
                     description = "Linux: also open an object that belongs to another user.")
             boolean allowOtherOwner) {
        CommandLine command = spec.subcommands().get("read");
        String name = objectName(nameArgument);
        DelphiRecord layout = record.parse(charset, command);
        PrintWriter out = command.getOut();
        try (SharedMemory shm = SharedMemory.open(name, readOptions(allowOtherOwner))) {
            if (shm.size() < layout.size()) {
                throw new IllegalArgumentException(KIND + " " + CliText.quote(name) + " has " + shm.size()
                        + " bytes, fewer than record " + layout.name() + " needs (" + layout.size() + ")");
            }
            out.printf("Shared memory %s (%d bytes) as %s:%n%s", CliText.quote(name), shm.size(), layout.name(),
                    indent(RecordText.format(layout, shm.slice(0, layout.size()))));
        }
        return 0;
    }

    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Open a shared memory object read-only and print its bytes in hex.")
    int dump(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
             @Option(names = "--length", paramLabel = "N", description = "Print at most N bytes (default: all).")
             Long length,
             @Option(names = "--allow-other-owner",
                     description = "Linux: also open an object that belongs to another user.")
             boolean allowOtherOwner) {
        CommandLine command = spec.subcommands().get("dump");
        if (length != null && length < 0) {
            throw new ParameterException(command, "--length must be 0 or more, got " + length);
        }
        String name = objectName(nameArgument);
        PrintWriter out = command.getOut();
        try (SharedMemory shm = SharedMemory.open(name, readOptions(allowOtherOwner))) {
            long n = Math.min(shm.size(), length == null ? Long.MAX_VALUE : length);
            out.printf("Shared memory %s (%d bytes)%n", CliText.quote(name), shm.size());
            // Slice by slice: the object may be larger than one ByteBuffer, and the output is streamed.
            for (long offset = 0; offset < n; offset += DUMP_CHUNK) {
                for (String line : hexDump(shm.slice(offset, (int) Math.min(DUMP_CHUNK, n - offset)), offset)) {
                    out.println(line);
                }
            }
        }
        return 0;
    }

    @Command(name = "rm", mixinStandardHelpOptions = true,
            description = {"Linux: remove a stale name from /dev/shm (its last holder died without closing).",
                    "An object of another user is never removed without --force, even by root.",
                    "Windows has no stale names: the kernel deletes a file mapping with its last handle."})
    int rm(@Parameters(paramLabel = "NAME", description = NAME_HELP) String nameArgument,
           @Option(names = "--force",
                   description = "Also remove a live object, one another program created, or another user's.")
           boolean force) {
        CommandLine command = spec.subcommands().get("rm");
        String name = objectName(nameArgument);
        PrintWriter out = command.getOut();
        if (Platform.current().isWindows()) {
            out.println("Nothing to remove: on Windows a file mapping exists only while a process holds a handle"
                    + " to it, and the kernel deletes it with the last one, even after a crash.");
            return 0;
        }
        boolean stale = SharedMemory.removeName(name, force);
        out.printf(stale ? "Removed the stale name %s%n"
                : "Removed %s by force; processes that hold it keep their memory%n", CliText.quote(name));
        return 0;
    }

    /**
     * Formats bytes as {@code hexdump -C} does, 16 a line.
     *
     * @param bytes      the bytes, from index 0 to the limit
     * @param baseOffset the offset of index 0 in the object, printed at the start of each line
     * @return the lines
     */
    static List<String> hexDump(ByteBuffer bytes, long baseOffset) {
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
            lines.add(String.format("%08x  %s |%s|", baseOffset + row, hexPart, text));
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
