package org.ipctoolkit.sync.linux;

/**
 * The body of a mutex (64 bytes after the {@code NamedObjectHeader}); see the package description
 * for the protocol. All offsets are from the start of the body, which starts a cache line.
 *
 * <pre>
 *    0  4  STATE         owner TID | FUTEX_WAITERS | FUTEX_OWNER_DIED, 0 when free   CAS
 *    4  4  RECURSION     the owner's recursion count - 1 (0 when free)               owner only, plain
 *    8  4  reserved, 0
 *   12 12  reserved, 0
 *   24  8  NODE_PREV     glibc-shaped robust-list node: prev                          owner's thread, glibc
 *   32  8  NODE_NEXT     the robust-list entry (STATE - futex_offset, futex_offset -32) owner's thread, glibc
 *   40  8  LINKED_ENTRY  the address of NODE_NEXT in the mapping the owner linked     owner only, plain
 *   48 16  reserved, 0
 * </pre>
 */
final class MutexLayout {
    static final int STATE_OFFSET = 0;
    static final int RECURSION_OFFSET = 4;
    static final int NODE_PREV_OFFSET = 24;
    static final int NODE_NEXT_OFFSET = 32;
    static final int LINKED_ENTRY_OFFSET = 40;

    /** Indices of STATE and RECURSION in the body seen as ints. */
    static final int STATE_INDEX = STATE_OFFSET / 4;
    static final int RECURSION_INDEX = RECURSION_OFFSET / 4;
    /** Indices of the node's words in the body seen as longs. */
    static final int NODE_PREV_SLOT = NODE_PREV_OFFSET / 8;
    static final int NODE_NEXT_SLOT = NODE_NEXT_OFFSET / 8;
    static final int LINKED_ENTRY_SLOT = LINKED_ENTRY_OFFSET / 8;

    /** glibc's {@code robust_head.futex_offset} on x86-64 and AArch64: the word sits 32 bytes before the entry. */
    static final long GLIBC_FUTEX_OFFSET = STATE_OFFSET - NODE_NEXT_OFFSET;

    private MutexLayout() {
    }
}
