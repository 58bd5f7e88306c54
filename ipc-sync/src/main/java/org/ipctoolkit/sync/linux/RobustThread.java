package org.ipctoolkit.sync.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * One thread's view of its robust futex list, the one glibc registered for it with
 * {@code set_robust_list} at thread start, and of its thread id. Only the thread itself uses it:
 * nothing here is shared between threads, and the list is changed with plain stores (the kernel reads
 * it only after the thread stopped).
 *
 * <p>The head buffer covers glibc's {@code void *robust_prev} and the kernel's
 * {@code struct robust_list_head {list; futex_offset; list_op_pending}} that follows it in
 * {@code struct pthread}:
 * <pre>
 *   0  robust_prev        (glibc: the "prev" of the head, written when the first node changes)
 *   8  list               (the head's "next": the first entry, or the head's own address when empty)
 *  16  futex_offset       (-32)
 *  24  list_op_pending    (the entry being locked or unlocked, or 0)
 * </pre>
 * Entries are the addresses of nodes' {@code next} slots; a node's {@code prev} is 8 bytes before
 * its {@code next}; bit 0 of an entry pointer marks a PI mutex of glibc's and is masked off when it is
 * followed, as glibc's {@code DEQUEUE_MUTEX} does.
 */
final class RobustThread {
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    static final int HEAD_PREV = 0;
    static final int HEAD_LIST = 8;
    static final int HEAD_FUTEX_OFFSET = 16;
    static final int HEAD_PENDING = 24;
    /** The same words' indices in {@link #headSlots}. */
    static final int SLOT_PREV = HEAD_PREV / 8;
    static final int SLOT_LIST = HEAD_LIST / 8;
    static final int SLOT_PENDING = HEAD_PENDING / 8;
    private static final int MAX_HELD = 2048;

    private static final ThreadLocal<RobustThread> CURRENT = ThreadLocal.withInitial(RobustThread::new);

    /** The Java thread this state belongs to. */
    private final Thread thread = Thread.currentThread();
    /** The thread's id, as the kernel writes and compares it in a robust futex word. */
    final int tid;
    /** This process's id. */
    final int pid;
    /** The address of the head ({@code &robust_head.list}). */
    final long headAddress;
    /** The head, from {@code robust_prev}: for {@link LinuxMutex}'s inlined fast path. */
    final ByteBuffer head;
    /** The head as longs: for {@link LinuxMutex}'s fast paths. */
    final LongBuffer headSlots;
    /** A {@code struct timespec} for relative timeouts, and its address. */
    final ByteBuffer timespec;
    final long timespecAddress;
    /** The entries this thread linked through this library, and their bodies; most recent last. */
    private long[] heldEntries = new long[8];
    private ByteBuffer[] heldBodies = new ByteBuffer[8];
    /** How many of {@link #heldEntries} are in use. */
    int held;

    private RobustThread() {
        tid = Futex.gettid();
        pid = (int) ProcessHandle.current().pid();
        ByteBuffer out = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        long outAddress = Pointer.nativeValue(Native.getDirectBufferPointer(out));
        if (Futex.syscall(Futex.SYS_GET_ROBUST_LIST, 0, outAddress, outAddress + 8, 0, 0, 0) != 0) {
            throw new IllegalStateException("get_robust_list failed: errno " + Native.getLastError());
        }
        headAddress = out.getLong(0);
        if (headAddress == 0) {
            throw new IllegalStateException("this thread has no robust futex list (glibc registers one per thread)");
        }
        head = new Pointer(headAddress - 8).getByteBuffer(0, 32).order(ByteOrder.nativeOrder());
        headSlots = head.asLongBuffer();
        long futexOffset = (long) LONG.get(head, HEAD_FUTEX_OFFSET);
        if (futexOffset != MutexLayout.GLIBC_FUTEX_OFFSET) {
            throw new IllegalStateException("the robust list's futex_offset is " + futexOffset + ", not "
                    + MutexLayout.GLIBC_FUTEX_OFFSET + " (not glibc on x86-64 or AArch64)");
        }
        timespec = ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder());
        timespecAddress = Pointer.nativeValue(Native.getDirectBufferPointer(timespec));
    }

    /** @return the calling thread's state, made on its first use */
    static RobustThread current() {
        return CURRENT.get();
    }

    /** @return true if this is the calling thread's state */
    boolean isCurrent() {
        return thread == Thread.currentThread();
    }

    /** Sets {@code list_op_pending}: the kernel treats this entry as listed if the thread dies now. */
    void setPending(long entry) {
        LONG.set(head, HEAD_PENDING, entry);
    }

    /** Clears {@code list_op_pending}. */
    void clearPending() {
        LONG.setRelease(head, HEAD_PENDING, 0L);
    }

    /**
     * Inserts a node at the head of the list, as glibc's {@code ENQUEUE_MUTEX_BOTH} does.
     *
     * @param body  the mutex body (index 0 is STATE) in the mapping whose address is {@code entry - 32}
     * @param entry the address of the body's NODE_NEXT slot in that mapping
     */
    void link(ByteBuffer body, long entry) {
        long first = (long) LONG.get(head, HEAD_LIST);
        store((first & ~1L) - 8, entry);                                  // first.prev = entry
        LONG.set(body, MutexLayout.NODE_NEXT_OFFSET, first);               // node.next = first
        LONG.set(body, MutexLayout.NODE_PREV_OFFSET, headAddress);         // node.prev = &head.list
        LONG.set(body, MutexLayout.LINKED_ENTRY_OFFSET, entry);
        LONG.setRelease(head, HEAD_LIST, entry);                           // head.list = entry
        if (held == heldEntries.length) {
            grow();
        }
        heldEntries[held] = entry;
        heldBodies[held] = body;
        held++;
    }

    private void grow() {
        int n = Math.min(held * 2, MAX_HELD);
        if (n == held) {
            throw new IllegalStateException("a thread cannot hold more than " + MAX_HELD
                    + " mutexes (the kernel walks no more robust-list entries than that)");
        }
        heldEntries = Arrays.copyOf(heldEntries, n);
        heldBodies = Arrays.copyOf(heldBodies, n);
    }

    /**
     * @param body the mutex body, in any mapping of this process
     * @param mine the entry of {@code body}'s own mapping, which is usually the one linked
     * @return the entry through which the calling thread linked the mutex
     */
    long linkedEntry(ByteBuffer body, long mine) {
        return held > 0 && heldEntries[held - 1] == mine ? mine
                : (long) LONG.get(body, MutexLayout.LINKED_ENTRY_OFFSET);
    }

    /** Records the only node of a list that was empty (the fast path linked it itself). */
    void heldOnly(long entry, ByteBuffer body) {
        // Usually both are still there (see heldNone): no stores, and no GC write barrier.
        if (heldEntries[0] != entry | heldBodies[0] != body) {
            heldEntries[0] = entry;
            heldBodies[0] = body;
        }
        held = 1;
    }

    /**
     * Forgets the only node, which the fast path unlinked itself. The stale reference in
     * {@code heldBodies[0]} stays until the slot is reused: it is never read past {@link #held}, and
     * clearing it would cost the fast path a store.
     */
    void heldNone() {
        held = 0;
    }

    /**
     * Removes a node linked by {@link #link}, as glibc's {@code DEQUEUE_MUTEX} does.
     *
     * @param body  the mutex body, in any mapping of this process
     * @param entry its {@link #linkedEntry}
     */
    void unlink(ByteBuffer body, long entry) {
        long next = (long) LONG.get(body, MutexLayout.NODE_NEXT_OFFSET);
        long prev = (long) LONG.get(body, MutexLayout.NODE_PREV_OFFSET);
        store((next & ~1L) - 8, prev);                                    // next.prev = node.prev
        store(prev & ~1L, next);                                          // prev.next = node.next
        if (held > 0 && heldEntries[held - 1] == entry) {   // the usual, last-in first-out
            heldBodies[--held] = null;
        } else {
            forget(entry);
        }
    }

    private void forget(long entry) {
        for (int i = held - 2; i >= 0; i--) {
            if (heldEntries[i] == entry) {
                held--;
                System.arraycopy(heldEntries, i + 1, heldEntries, i, held - i);
                System.arraycopy(heldBodies, i + 1, heldBodies, i, held - i);
                heldBodies[held] = null;
                return;
            }
        }
    }

    /**
     * Writes a pointer-sized slot of a list node: the head's, one of our held nodes' (through their
     * buffers), or, rarely, a glibc robust mutex's (through a JNA pointer).
     */
    private void store(long slot, long value) {
        long offset = slot - (headAddress - 8);
        if (offset >= 0 && offset < 32) {
            LONG.set(head, (int) offset, value);
        } else {
            storeElsewhere(slot, value);
        }
    }

    private void storeElsewhere(long slot, long value) {
        for (int i = held - 1; i >= 0; i--) {
            long d = slot - (heldEntries[i] - 8);
            if (d == 0 || d == 8) {
                LONG.set(heldBodies[i], MutexLayout.NODE_PREV_OFFSET + (int) d, value);
                return;
            }
        }
        new Pointer(slot).setLong(0, value);
    }

    /** @return true if nothing of this library and nothing of glibc is on the list (for tests) */
    boolean listIsEmpty() {
        return (long) LONG.get(head, HEAD_LIST) == headAddress;
    }
}
