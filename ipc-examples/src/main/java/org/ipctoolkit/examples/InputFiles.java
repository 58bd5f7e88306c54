package org.ipctoolkit.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The text files the tool reads: a record declaration ({@code --record-file}) and field values
 * ({@code --values}). Each must be a regular file (never a device, a FIFO or a directory: reading
 * {@code /dev/zero} would never end) of at most {@value #MAX_BYTES} bytes, in UTF-8 (a byte order mark
 * is skipped). Every problem is an {@link IllegalArgumentException} whose message names the option.
 */
final class InputFiles {
    /** The largest file the tool reads: 16 MiB, far more than any record or its values. */
    static final int MAX_BYTES = 16 << 20;

    private InputFiles() {
    }

    /**
     * Reads a whole file as UTF-8 text.
     *
     * @param file   the file
     * @param option the option that named it, for messages
     * @return its text
     * @throws IllegalArgumentException if it is missing, unreadable, not a regular file, too large or not UTF-8
     */
    static String readUtf8(Path file, String option) {
        String what = option + ": " + CliText.quote(file.toString());
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": " + describe(e), e);
        }
        if (!attributes.isRegularFile()) {
            throw new IllegalArgumentException(what + " is not a regular file"
                    + (attributes.isDirectory() ? " (it is a directory)" : " (a device, FIFO or socket is never read)"));
        }
        if (attributes.size() > MAX_BYTES) {
            throw tooLarge(what, Long.toString(attributes.size()));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new IllegalArgumentException(what + ": " + describe(e), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw tooLarge(what, "more than " + MAX_BYTES);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " is not UTF-8 text; save it as UTF-8", e);
        }
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Reads a file of {@code FIELD=VALUE} lines in UTF-8: the field is trimmed, the value is everything
     * after the first {@code =}, verbatim (no escapes, no trimming); blank lines and lines starting with
     * {@code #} are skipped; a line may end in CR LF.
     *
     * @param file   the file
     * @param option the option that named it, for messages
     * @return each {@code FIELD=VALUE} line, in file order, with the field trimmed
     * @throws IllegalArgumentException as {@link #readUtf8}, or if a line has no {@code FIELD=}
     */
    static List<String> readAssignments(Path file, String option) {
        List<String> assignments = new ArrayList<>();
        String[] lines = readUtf8(file, option).split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq < 0 || line.substring(0, eq).isBlank()) {
                throw new IllegalArgumentException(option + ": " + CliText.quote(file.toString()) + " line " + (i + 1)
                        + ": expected FIELD=VALUE, got " + CliText.quote(line));
            }
            assignments.add(line.substring(0, eq).strip() + line.substring(eq));
        }
        return assignments;
    }

    private static IllegalArgumentException tooLarge(String what, String size) {
        return new IllegalArgumentException(what + " has " + size + " bytes, more than the " + MAX_BYTES
                + " (16 MiB) the tool reads");
    }

    /** @return a short description of a file error */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
