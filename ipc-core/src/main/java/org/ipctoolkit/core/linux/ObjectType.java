package org.ipctoolkit.core.linux;

/**
 * The kinds of named object the Linux core serves, with everything the core needs to know of each:
 * the words for messages, the namespace its names live in, whether its file starts with a
 * {@link NamedObjectHeader}, and the type code and body of that header.
 *
 * <h2>Namespaces</h2>
 * <ul>
 *   <li>{@link #SHARED_MEMORY} lives in {@link Namespace#SHARED_MEMORY} ({@code /dev/shm/NAME}),
 *       where Python's {@code multiprocessing.shared_memory} and C's {@code shm_open} find it, and
 *       has no header: its bytes are the user's, exactly what a Delphi or C peer reads.</li>
 *   <li>The library's own kinds ({@link #MUTEX}, {@link #EVENT}, {@link #SEMAPHORE}) live in
 *       {@link Namespace#LIBRARY} ({@code /dev/shm/ipc-toolkit-EUID/NAME}) and share it, as every
 *       kernel object shares one namespace on Windows: creating or opening a mutex by a name an
 *       event holds fails with {@code IpcIncompatibleObjectException} naming the event, where
 *       Win32 fails with {@code ERROR_INVALID_HANDLE}.</li>
 *   <li>{@link #MAILSLOT} lives in {@link Namespace#MAILSLOT}, apart from the kernel objects, as
 *       Windows keeps mailslots in a file system of their own.</li>
 * </ul>
 * <b>Difference from Windows:</b> on Windows a file mapping shares the namespace with the other
 * kernel objects, so a mapping {@code X} and a mutex {@code X} cannot both exist; on Linux they
 * can, because shared memory must keep the bare name its Python and C peers use.
 *
 * <h2>Bodies</h2>
 * {@code ipc-sync} defines the layouts of the library's kinds (version 1 was the provisional zeroed
 * body of earlier builds; version 2 is the first final one). A body layout that changes gets a new
 * {@link #bodyVersion()}, so that two library versions refuse each other's objects rather than
 * misread them.
 */
public enum ObjectType {
    /** A named block of shared memory: user bytes only, no header. */
    SHARED_MEMORY("shared memory", "a shared memory object", Namespace.SHARED_MEMORY, false, 0, 0, -1),
    /** A named mutex (ipc-sync). */
    MUTEX("mutex", "a mutex", Namespace.LIBRARY, true, 1, 2, 64),
    /** A named event (ipc-sync). */
    EVENT("event", "an event", Namespace.LIBRARY, true, 2, 2, 64),
    /** A named semaphore (ipc-sync). */
    SEMAPHORE("semaphore", "a semaphore", Namespace.LIBRARY, true, 3, 2, 64),
    /**
     * The library's own lock that serialises the multi-object waits of ipc-sync and journals what
     * each one takes (one per namespace, named by {@link org.ipctoolkit.core.ObjectName#internal}):
     * a 64-byte mutex body, a 64-byte journal header and 64 journal entries of 264 bytes.
     */
    WAIT_ALL_LOCK("wait-all lock", "the wait-all lock", Namespace.LIBRARY, true, 4, 1, 64 + 64 + 64 * 264),
    /**
     * The lifetime token of a Linux mailslot (ipc-mailslot), held by its server alone, in
     * {@link Namespace#MAILSLOT}: its body tells clients where the server's socket is and the
     * largest message it takes (layout: {@code org.ipctoolkit.mailslot.linux.MailslotToken}).
     */
    MAILSLOT("mailslot", "a mailslot", Namespace.MAILSLOT, true, 5, 1, 1024);

    private final String description;
    private final String withArticle;
    private final Namespace namespace;
    private final boolean hasHeader;
    private final int typeCode;
    private final int bodyVersion;
    private final int bodySize;

    ObjectType(String description, String withArticle, Namespace namespace, boolean hasHeader,
               int typeCode, int bodyVersion, int bodySize) {
        this.description = description;
        this.withArticle = withArticle;
        this.namespace = namespace;
        this.hasHeader = hasHeader;
        this.typeCode = typeCode;
        this.bodyVersion = bodyVersion;
        this.bodySize = bodySize;
    }

    /** @return the kind in words, as exceptions name it: {@code "shared memory"}, {@code "mutex"} */
    public String description() {
        return description;
    }

    /** @return the kind with its article, for sentences: {@code "an event"} */
    public String withArticle() {
        return withArticle;
    }

    /** @return where the names of this kind live */
    public Namespace namespace() {
        return namespace;
    }

    /** @return true if the object's file starts with a {@link NamedObjectHeader} */
    public boolean hasHeader() {
        return hasHeader;
    }

    /** @return the code written in the header's type word; 0 for a kind without header */
    public int typeCode() {
        return typeCode;
    }

    /** @return the version of this kind's body layout, written in the header; 0 without header */
    public int bodyVersion() {
        return bodyVersion;
    }

    /** @return the size of the body that follows the header, in bytes; -1 for shared memory (the user's size) */
    public int bodySize() {
        return bodySize;
    }

    /** @return the size of the whole file, header and body; -1 for shared memory (the user's size) */
    public long fileSize() {
        return hasHeader ? NamedObjectHeader.LENGTH + bodySize : -1;
    }

    /**
     * @param typeCode a header's type word
     * @return the kind with that code, or null if this library version knows no such kind
     */
    public static ObjectType ofTypeCode(int typeCode) {
        for (ObjectType t : values()) {
            if (t.hasHeader && t.typeCode == typeCode) {
                return t;
            }
        }
        return null;
    }
}
