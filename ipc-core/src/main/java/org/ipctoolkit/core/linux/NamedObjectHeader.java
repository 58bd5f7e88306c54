package org.ipctoolkit.core.linux;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The layout of the header at the start of every file of the library's own kinds ({@link ObjectType}s
 * with {@link ObjectType#hasHeader()}; shared memory has none). All words are 32-bit integers in
 * the native byte order (little-endian on x86-64 and AArch64, the only architectures the Linux core
 * runs on).
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +---------------------------------------------------------------+
 *  |            Magic 0x54435049 (the bytes "IPCT")               |  0  MAGIC_OFFSET
 *  +---------------------------------------------------------------+
 *  |                  Header layout version (1)                    |  4  LAYOUT_VERSION_OFFSET
 *  +---------------------------------------------------------------+
 *  |                 Type code (ObjectType.typeCode)               |  8  TYPE_CODE_OFFSET
 *  +---------------------------------------------------------------+
 *  |             Body layout version (ObjectType.bodyVersion)      | 12  BODY_VERSION_OFFSET
 *  +---------------------------------------------------------------+
 *  |              Body size in bytes (ObjectType.bodySize)         | 16  BODY_SIZE_OFFSET
 *  +---------------------------------------------------------------+
 *  |               Creator's process id (informative)             | 20  CREATOR_PID_OFFSET
 *  +---------------------------------------------------------------+
 *  |                     Reserved, zero                           ...  24 .. 63
 *  +---------------------------------------------------------------+
 *  |                 Body: the kind's own layout                  ...  64  LENGTH
 *  +---------------------------------------------------------------+
 * </pre>
 *
 * <h2>Who writes each word, and the ordering</h2>
 * Only the creator writes the header, once, into its unnamed {@code O_TMPFILE} file before
 * {@code linkat} gives it its name, so no other process can see a header being written. The
 * creator writes the body first (the kind's initializer), then the words from offset 4 with plain
 * stores ({@link #setIntPlain}), and the magic last with a release store ({@link #setMagicRelease}).
 * An opener reads the magic first with an acquire load ({@link #getMagicAcquire}) and, if it
 * matches, the other words plainly: a matching magic guarantees the rest is written even for a
 * reader that reaches the file by some other way than its name. Nobody writes the header after
 * creation. The reserved words are zero; a later layout that uses them gets a new
 * {@link #LAYOUT_VERSION}.
 *
 * <h2>What an opener refuses</h2>
 * Another magic (not an ipc-toolkit object), another layout version or body version (another
 * version of ipc-toolkit: two versions refuse each other, never misread each other), another type
 * code (another kind holds the name), a body size or file size that differs from its own kind's.
 */
public final class NamedObjectHeader {
    /** The magic number: the bytes {@code 'I' 'P' 'C' 'T'} read as a little-endian int. */
    public static final int MAGIC = 0x54435049;
    /** The version of this header layout. */
    public static final int LAYOUT_VERSION = 1;

    /** Offset of the magic number. */
    public static final int MAGIC_OFFSET = 0;
    /** Offset of the header layout version. */
    public static final int LAYOUT_VERSION_OFFSET = 4;
    /** Offset of the type code. */
    public static final int TYPE_CODE_OFFSET = 8;
    /** Offset of the body layout version. */
    public static final int BODY_VERSION_OFFSET = 12;
    /** Offset of the body size. */
    public static final int BODY_SIZE_OFFSET = 16;
    /** Offset of the creator's process id. */
    public static final int CREATOR_PID_OFFSET = 20;
    /** The length of the header; the body starts here (a multiple of 64, so it starts a cache line). */
    public static final int LENGTH = 64;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private NamedObjectHeader() {
    }

    /**
     * @param header a buffer whose index 0 is the header's first byte
     * @return the magic word, read with acquire ordering (a direct buffer over the mapping)
     */
    public static int getMagicAcquire(ByteBuffer header) {
        return (int) INT.getAcquire(header, MAGIC_OFFSET);
    }

    /**
     * Writes the magic word last, with release ordering: every word written before it is visible to
     * whoever reads a matching magic with {@link #getMagicAcquire}.
     *
     * @param header a direct buffer whose index 0 is the header's first byte
     * @param magic  the value, {@link #MAGIC}
     */
    public static void setMagicRelease(ByteBuffer header, int magic) {
        INT.setRelease(header, MAGIC_OFFSET, magic);
    }

    /**
     * @param header a buffer whose index 0 is the header's first byte
     * @param offset one of the {@code *_OFFSET} constants
     * @return the word, read plainly
     */
    public static int getIntPlain(ByteBuffer header, int offset) {
        return (int) INT.get(header, offset);
    }

    /**
     * @param header a buffer whose index 0 is the header's first byte
     * @param offset one of the {@code *_OFFSET} constants
     * @param value  the word, written plainly
     */
    public static void setIntPlain(ByteBuffer header, int offset, int value) {
        INT.set(header, offset, value);
    }

    /**
     * Writes a whole header as a creator does: every word from offset 4 plainly, the magic last
     * with release ordering.
     *
     * @param header     a direct buffer over the new file, index 0 at its first byte
     * @param type       the kind of the object
     * @param creatorPid the creating process's id
     */
    public static void write(ByteBuffer header, ObjectType type, int creatorPid) {
        if (!type.hasHeader()) {
            throw new IllegalArgumentException(type + " has no header");
        }
        setIntPlain(header, LAYOUT_VERSION_OFFSET, LAYOUT_VERSION);
        setIntPlain(header, TYPE_CODE_OFFSET, type.typeCode());
        setIntPlain(header, BODY_VERSION_OFFSET, type.bodyVersion());
        setIntPlain(header, BODY_SIZE_OFFSET, type.bodySize());
        setIntPlain(header, CREATOR_PID_OFFSET, creatorPid);
        setMagicRelease(header, MAGIC);
    }

    /**
     * Checks a header as an opener does.
     *
     * @param header   a buffer whose index 0 is the header's first byte: a direct buffer over the
     *                 mapping (the magic is then read with acquire ordering), or a heap copy read
     *                 with {@code pread} (the system call already ordered it)
     * @param expected the kind the caller asked for
     * @param fileSize the size of the file
     * @return null if the header is one of {@code expected}'s, of this library version; otherwise a
     *         sentence that says what the file holds instead
     */
    public static String problem(ByteBuffer header, ObjectType expected, long fileSize) {
        if (fileSize < LENGTH) {
            return "it has " + fileSize + " bytes, too few for an ipc-toolkit object (at least " + LENGTH + ")";
        }
        int magic = header.isDirect() ? getMagicAcquire(header) : getIntPlain(header, MAGIC_OFFSET);
        if (magic != MAGIC) {
            return String.format("it is not an ipc-toolkit object (its first word is 0x%08x, not the magic 0x%08x)",
                    magic, MAGIC);
        }
        int layout = getIntPlain(header, LAYOUT_VERSION_OFFSET);
        if (layout != LAYOUT_VERSION) {
            return "it was made by another version of ipc-toolkit (header layout " + layout
                    + "; this version reads layout " + LAYOUT_VERSION + ")";
        }
        int code = getIntPlain(header, TYPE_CODE_OFFSET);
        ObjectType found = ObjectType.ofTypeCode(code);
        if (found == null) {
            return "it holds a kind of object this version of ipc-toolkit does not know (type code " + code + ")";
        }
        if (found != expected) {
            return "the name is held by " + found.withArticle() + ", not " + expected.withArticle()
                    + " (the library's kinds share one namespace, as on Windows, where this is ERROR_INVALID_HANDLE)";
        }
        int bodyVersion = getIntPlain(header, BODY_VERSION_OFFSET);
        if (bodyVersion != expected.bodyVersion()) {
            return "it was made by another version of ipc-toolkit (" + expected.description() + " layout "
                    + bodyVersion + "; this version reads layout " + expected.bodyVersion() + ")";
        }
        int bodySize = getIntPlain(header, BODY_SIZE_OFFSET);
        if (bodySize != expected.bodySize() || fileSize != expected.fileSize()) {
            return "its size does not match its kind (body " + bodySize + " bytes, file " + fileSize
                    + " bytes; this version expects " + expected.bodySize() + " and " + expected.fileSize() + ")";
        }
        return null;
    }
}
