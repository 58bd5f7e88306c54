package org.ipctoolkit.sync.linux;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.ipctoolkit.core.linux.LinuxNamedObject;

/**
 * What the Linux event and semaphore share: a 64-byte body of futex words, in a named object's
 * mapping or (an unnamed event) in a direct buffer private to this process, the futex sleep with
 * a deadline, and the TAG word beside the futex word that marks a take of an unfinished wait-all
 * (see {@link WaitAllLock}). A named object holds the namespace's wait-all lock while it is open.
 */
abstract class LinuxSyncObject {
    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** The futex word (an event's STATE, a semaphore's COUNT). */
    static final int WORD_OFFSET = 0;
    /** The wait-all transaction that took from this object and has not finished, or 0. */
    static final int TAG_OFFSET = 4;
    /** Threads about to sleep or sleeping on the futex word (atomic add; saves FUTEX_WAKE when 0). */
    static final int WAITERS_OFFSET = 12;

    /** The named object, or null for an unnamed one. */
    private final LinuxNamedObject object;
    final ByteBuffer body;
    final long bodyAddress;
    /** The namespace's wait-all lock, held while this named object is open; null for an unnamed one. */
    final WaitAllLock waitAllLock;
    private boolean closed;

    LinuxSyncObject(LinuxNamedObject object) {
        this(object, object.body());
    }

    /** An unnamed object: a zeroed direct buffer of 64 bytes. */
    LinuxSyncObject() {
        this(null, ByteBuffer.allocateDirect(64).order(ByteOrder.nativeOrder()));
    }

    private LinuxSyncObject(LinuxNamedObject object, ByteBuffer body) {
        this.object = object;
        this.body = body;
        this.bodyAddress = Pointer.nativeValue(Native.getDirectBufferPointer(body));
        if (object == null) {
            this.waitAllLock = null;
        } else {
            try {
                this.waitAllLock = WaitAllLock.hold();
            } catch (RuntimeException | Error e) {
                object.close();
                throw e;
            }
        }
    }

    /** @return true if this hold created the object (an unnamed one always) */
    public boolean created() {
        return object == null || object.created();
    }

    /** {@code CloseHandle}: the descriptor and the mapping. */
    public synchronized void close() {
        if (object != null && !closed) {
            closed = true;
            try {
                object.close();
            } finally {
                WaitAllLock.unhold();
            }
        }
    }

    /** @return the file name of the named object in the library's namespace, or null for an unnamed one */
    String fileName() {
        return object == null ? null : object.path().getFileName().toString();
    }

    /** @return the wait-all transaction whose take of this object has not finished, or 0 */
    public int tag() {
        return (int) INT.getVolatile(body, TAG_OFFSET);
    }

    /**
     * Keeps a wait-all's take ({@link Waitable#keepTake(int)}): clears the mark if it still holds {@code txn}.
     *
     * @param txn the wait-all's transaction
     */
    public void keepTake(int txn) {
        for (;;) {
            long wordAndTag = wordAndTag();
            if ((int) (wordAndTag >>> 32) != txn || casWordAndTag(wordAndTag, (int) wordAndTag, 0)) {
                return;
            }
        }
    }

    /**
     * Undoes a wait-all's take still marked {@code txn}: the word becomes {@code giveBack(word)} and
     * the mark is cleared in one CAS; one waiter is woken if the word changed.
     */
    void undoMarkedTake(int txn, java.util.function.IntUnaryOperator giveBack) {
        for (;;) {
            long wordAndTag = wordAndTag();
            if ((int) (wordAndTag >>> 32) != txn) {
                return;
            }
            int word = (int) wordAndTag;
            int next = giveBack.applyAsInt(word);
            if (casWordAndTag(wordAndTag, next, 0)) {
                if (next != word && (int) INT.getVolatile(body, WAITERS_OFFSET) != 0) {
                    wake(WORD_OFFSET, 1);
                }
                return;
            }
        }
    }

    /**
     * The futex word and the tag, read together.
     *
     * @return the word in the low 32 bits and the tag in the high 32 bits
     */
    long wordAndTag() {
        return (long) LONG.getVolatile(body, WORD_OFFSET);
    }

    /** Replaces word and tag together if they still hold {@code expected}. */
    boolean casWordAndTag(long expected, int word, int tag) {
        return LONG.compareAndSet(body, WORD_OFFSET, expected, ((long) tag << 32) | (word & 0xffffffffL));
    }

    /**
     * A single-object wait that found the object unavailable while a wait-all's take is marked on
     * it: waits for that wait-all to finish (it holds the wait-all lock), and if it died, undoes
     * its takes. No polling: it sleeps on the lock's robust futex word.
     *
     * @return false if the deadline passed first
     */
    boolean settleTag(long timeoutNanos, long deadline) {
        long left = timeoutNanos < 0 ? -1 : Math.max(0, deadline - System.nanoTime());
        if (timeoutNanos > 0 && left == 0) {
            return false;
        }
        return waitAllLock.settle(this, timeoutNanos == 0 ? 0 : left);
    }

    /** @return the deadline for a positive timeout, as {@link System#nanoTime()} */
    static long deadline(long timeoutNanos) {
        return timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
    }

    /**
     * Sleeps in {@code FUTEX_WAIT} while the word at {@code offset} holds {@code expected}, until
     * woken, the word changes, or the deadline.
     *
     * @param timeoutNanos the caller's timeout ({@code -1} for none)
     * @param deadline     from {@link #deadline(long)}
     * @return false if the deadline has passed (nothing slept)
     */
    boolean sleep(int offset, int expected, long timeoutNanos, long deadline) {
        long timespec = 0;
        if (timeoutNanos > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            RobustThread t = RobustThread.current();
            t.timespec.putLong(0, left / 1_000_000_000L).putLong(8, left % 1_000_000_000L);
            timespec = t.timespecAddress;
        }
        Futex.waitWord(bodyAddress + offset, expected, timespec);
        return true;
    }

    /** {@code FUTEX_WAKE} on the word at {@code offset}. */
    void wake(int offset, int count) {
        Futex.wake(bodyAddress + offset, count);
    }
}
