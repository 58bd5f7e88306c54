package org.ipctoolkit.sync.linux;

import static org.ipctoolkit.sync.linux.Futex.FUTEX_OWNER_DIED;
import static org.ipctoolkit.sync.linux.Futex.FUTEX_TID_MASK;
import static org.ipctoolkit.sync.linux.Futex.FUTEX_WAITERS;
import static org.ipctoolkit.sync.linux.MutexLayout.*;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.linux.LinuxNamedObject;
import org.ipctoolkit.core.linux.ObjectType;
import org.ipctoolkit.sync.backend.MutexBackend;
import org.ipctoolkit.sync.backend.WaitStatus;

/**
 * A named mutex on Linux: a robust futex word in the body of a {@link LinuxNamedObject} of kind
 * {@link ObjectType#MUTEX}, linked on the owning thread's glibc robust list while owned, so that the
 * kernel marks it {@code FUTEX_OWNER_DIED} and wakes a waiter when the owner thread ends or its
 * process dies (see the package description for the protocol and its evidence).
 *
 * <p>Uncontended {@link #waitFor(long)} and {@link #release()} are one atomic each (a CAS, an
 * exchange) plus a few plain accesses to the thread's list: no native call, no allocation, and
 * compiled small enough (under C2's {@code InlineSmallCode}, 2500 bytes) to be inlined into the caller.
 */
public final class LinuxMutex implements MutexBackend, Waitable {
    /** Wait forever. */
    public static final long INFINITE = -1L;

    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    /** Objects closed while a thread of this process still owned them through their mapping: kept mapped. */
    private static final Set<LinuxNamedObject> KEPT = Collections.synchronizedSet(
            Collections.newSetFromMap(new IdentityHashMap<>()));

    private final LinuxNamedObject object;
    private final ByteBuffer body;
    /** The body as ints and as longs (native order): the fast paths' plain accesses. */
    private final IntBuffer ints;
    private final LongBuffer longs;
    private final long bodyAddress;
    private final long entry;
    /**
     * The state of the last thread that used this handle; a racy cache (a thread that reads another
     * thread's state sees it is not its own and looks its own up). Its fields are final, so a
     * reference read through a data race shows them fully built.
     */
    private RobustThread lastThread;

    private LinuxMutex(LinuxNamedObject object) {
        this.object = object;
        this.body = object.body();
        this.ints = body.asIntBuffer();
        this.longs = body.asLongBuffer();
        this.bodyAddress = Pointer.nativeValue(Native.getDirectBufferPointer(body));
        this.entry = bodyAddress + NODE_NEXT_OFFSET;
    }

    /**
     * {@code CreateMutexW} of a new name.
     *
     * @param name           the name
     * @param initiallyOwned the calling thread owns the new mutex (count 1) from the moment its name appears
     * @return the mutex
     * @throws org.ipctoolkit.core.IpcAlreadyExistsException if the name exists
     */
    public static LinuxMutex create(ObjectName name, boolean initiallyOwned) {
        return make(name, initiallyOwned, false);
    }

    /**
     * {@code CreateMutexW} of a name that may exist: opens it then ({@link #created()} is false, and
     * the initial ownership is ignored, as in Win32).
     *
     * @param name           the name
     * @param initiallyOwned the calling thread owns the mutex if this call creates it
     * @return the mutex
     */
    public static LinuxMutex createOrOpen(ObjectName name, boolean initiallyOwned) {
        return make(name, initiallyOwned, true);
    }

    /**
     * {@code OpenMutexW}.
     *
     * @param name the name
     * @return the mutex
     * @throws org.ipctoolkit.core.IpcNotFoundException if no mutex has the name
     */
    public static LinuxMutex open(ObjectName name) {
        return new LinuxMutex(LinuxNamedObject.open(ObjectType.MUTEX, name));
    }

    /** A mutex over the first 64 bytes of a library-internal object's body (the {@link WaitAllLock}). */
    static LinuxMutex over(LinuxNamedObject object) {
        return new LinuxMutex(object);
    }

    private static LinuxMutex make(ObjectName name, boolean initiallyOwned, boolean orOpen) {
        RobustThread t = initiallyOwned ? RobustThread.current() : null;
        LinuxNamedObject.Initializer init = initiallyOwned ? b -> {
            // Owned before the name appears; list_op_pending covers us until the node is linked.
            t.setPending(Pointer.nativeValue(Native.getDirectBufferPointer(b)) + NODE_NEXT_OFFSET);
            INT.set(b, RECURSION_OFFSET, 0);   // owned once
            INT.setRelease(b, STATE_OFFSET, t.tid);
        } : LinuxNamedObject.Initializer.ZEROS;
        LinuxNamedObject o = null;
        try {
            o = orOpen ? LinuxNamedObject.createOrOpen(ObjectType.MUTEX, name, init)
                    : LinuxNamedObject.create(ObjectType.MUTEX, name, init);
            LinuxMutex m = new LinuxMutex(o);
            if (initiallyOwned && o.created()) {
                t.link(m.body, m.entry);
            }
            return m;
        } finally {
            if (t != null) {
                t.clearPending();
            }
        }
    }

    @Override
    public boolean created() {
        return object.created();
    }

    /**
     * {@code WaitForSingleObject} on the mutex: takes it for the calling thread (recursively if it
     * owns it already).
     *
     * @param timeoutNanos {@link #INFINITE}, 0 (try once) or a positive number of nanoseconds
     * @return {@link WaitStatus#SIGNALED}, {@link WaitStatus#ABANDONED} or {@link WaitStatus#TIMEOUT}
     */
    @Override
    public WaitStatus waitFor(long timeoutNanos) {
        RobustThread t = thread();
        int tid = t.tid;
        IntBuffer ints = this.ints;
        LongBuffer longs = this.longs;
        // A plain read is enough to recognise our own TID: only this thread writes it there, and a
        // stale value is one we wrote before (0 after our release), never our TID when we do not own it.
        int v = ints.get(STATE_INDEX);
        if ((v & (FUTEX_TID_MASK | FUTEX_OWNER_DIED)) == tid) {
            return recurse();
        }
        LongBuffer head = t.headSlots;
        long entry = this.entry;
        long self = t.headAddress;
        head.put(RobustThread.SLOT_PENDING, entry);   // ordered before the CAS, a volatile access
        boolean empty = head.get(RobustThread.SLOT_LIST) == self;
        if (INT.compareAndSet(this.body, STATE_OFFSET, 0, tid)) {
            if (empty) {
                // The usual case: glibc's ENQUEUE_MUTEX_BOTH on an empty list, written out so that
                // the JIT sees it in one method. A node this thread linked last time through the
                // same mapping still holds its values, so only changed words are written; the one
                // the kernel follows (node.next) is ordered before head.list when it is written.
                if (longs.get(NODE_NEXT_SLOT) != self | longs.get(NODE_PREV_SLOT) != self
                        | longs.get(LINKED_ENTRY_SLOT) != entry) {
                    longs.put(NODE_NEXT_SLOT, self);
                    longs.put(NODE_PREV_SLOT, self);
                    longs.put(LINKED_ENTRY_SLOT, entry);
                    VarHandle.releaseFence();
                }
                head.put(RobustThread.SLOT_PREV, entry);
                head.put(RobustThread.SLOT_LIST, entry);
                t.heldOnly(entry, this.body);
            } else {
                t.link(this.body, entry);
            }
            // list_op_pending stays on this entry while the thread owns the mutex (see release).
            return WaitStatus.SIGNALED;
        }
        return contended(t, timeoutNanos);
    }

    /**
     * The calling thread's state: the last thread's, cached here (one reference read and a
     * comparison), or the thread-local lookup.
     */
    private RobustThread thread() {
        RobustThread t = lastThread;
        if (t != null && t.isCurrent()) {
            return t;
        }
        t = RobustThread.current();
        lastThread = t;
        return t;
    }

    private WaitStatus recurse() {
        int count = (int) INT.get(body, RECURSION_OFFSET);   // the count is this + 1
        if (count == Integer.MAX_VALUE - 1) {
            throw new IpcException("mutex", object.path().getFileName().toString(), "WaitForSingleObject", null,
                    "the recursion count would pass " + Integer.MAX_VALUE);
        }
        INT.set(body, RECURSION_OFFSET, count + 1);
        return WaitStatus.SIGNALED;
    }

    private void owned(RobustThread t) {
        INT.set(body, RECURSION_OFFSET, 0);   // a previous owner that died may have left more
        t.link(body, entry);
        t.clearPending();
    }

    private WaitStatus contended(RobustThread t, long timeoutNanos) {
        long deadline = timeoutNanos > 0 ? System.nanoTime() + timeoutNanos : 0;
        int keep = 0;   // after a wake, others may still sleep: keep FUTEX_WAITERS on the word we take
        for (;;) {
            int v = (int) INT.getVolatile(body, STATE_OFFSET);
            if ((v & FUTEX_OWNER_DIED) != 0) {
                if (INT.compareAndSet(body, STATE_OFFSET, v, t.tid | (v & FUTEX_WAITERS))) {
                    owned(t);
                    return WaitStatus.ABANDONED;
                }
                continue;
            }
            if ((v & FUTEX_TID_MASK) == 0) {
                if (INT.compareAndSet(body, STATE_OFFSET, v, t.tid | keep | (v & FUTEX_WAITERS))) {
                    owned(t);
                    return WaitStatus.SIGNALED;
                }
                continue;
            }
            if (timeoutNanos == 0) {
                t.clearPending();
                return WaitStatus.TIMEOUT;
            }
            if ((v & FUTEX_WAITERS) == 0 && !INT.compareAndSet(body, STATE_OFFSET, v, v | FUTEX_WAITERS)) {
                continue;
            }
            long timespec = 0;
            if (timeoutNanos > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    t.clearPending();
                    return WaitStatus.TIMEOUT;
                }
                t.timespec.putLong(0, left / 1_000_000_000L).putLong(8, left % 1_000_000_000L);
                timespec = t.timespecAddress;
            }
            Futex.waitWord(bodyAddress + STATE_OFFSET, v | FUTEX_WAITERS, timespec);
            keep = FUTEX_WAITERS;
        }
    }

    /**
     * {@code ReleaseMutex}: takes one off the calling thread's recursion count; at 0 the mutex is
     * free and one waiter (in any process) is woken.
     *
     * @throws IllegalMonitorStateException if the calling thread does not own the mutex ({@code ERROR_NOT_OWNER})
     */
    @Override
    public void release() {
        RobustThread t = thread();
        IntBuffer ints = this.ints;
        LongBuffer longs = this.longs;
        int v = ints.get(STATE_INDEX);   // plain: see waitFor
        if ((v & (FUTEX_TID_MASK | FUTEX_OWNER_DIED)) != t.tid) {
            throw notOwner();
        }
        int count = ints.get(RECURSION_INDEX);   // the count is this + 1
        if (count > 0) {
            ints.put(RECURSION_INDEX, count - 1);
            return;
        }
        // RECURSION is 0, as the next owner wants it (one that takes it abandoned resets it).
        LongBuffer head = t.headSlots;
        long entry = this.entry;
        long self = t.headAddress;
        if (t.held == 1 && head.get(RobustThread.SLOT_LIST) == entry
                && longs.get(NODE_NEXT_SLOT) == self) {
            // Ours is the only node on the list (the usual case): glibc's DEQUEUE_MUTEX written out.
            // list_op_pending covers the unlinking and the release store: it usually still holds
            // the entry from the acquire; if not (another lock since), it is set before the unlinking.
            if (head.get(RobustThread.SLOT_PENDING) != entry) {
                head.put(RobustThread.SLOT_PENDING, entry);
                VarHandle.releaseFence();
            }
            head.put(RobustThread.SLOT_PREV, self);
            head.put(RobustThread.SLOT_LIST, self);
            t.heldNone();
        } else {
            long linked = t.linkedEntry(this.body, entry);
            head.put(RobustThread.SLOT_PENDING, linked);
            VarHandle.releaseFence();   // list_op_pending covers the unlinking and the release store
            t.unlink(this.body, linked);
        }
        // Volatile (acquire too), so that clearing list_op_pending cannot move before it.
        int old = (int) INT.getAndSet(this.body, STATE_OFFSET, 0);
        if ((old & FUTEX_WAITERS) != 0) {
            Futex.wake(bodyAddress + STATE_OFFSET, 1);
        }
        head.put(RobustThread.SLOT_PENDING, 0L);
    }

    private static IllegalMonitorStateException notOwner() {
        return new IllegalMonitorStateException("ReleaseMutex: the calling thread does not own the mutex"
                + " (ERROR_NOT_OWNER, 288)");
    }

    /**
     * {@code CloseHandle}. If a thread of this process still owns the mutex through this handle's
     * mapping, the mapping (and the hold on the name) is kept until the process ends, because the
     * thread's robust list points into it; the owner may still release it through another handle, or
     * abandon it by ending. Otherwise the descriptor and mapping go now.
     */
    @Override
    public void close() {
        int v = (int) INT.getVolatile(body, STATE_OFFSET);
        int owner = v & FUTEX_TID_MASK;
        boolean ownedHere = owner != 0 && (v & FUTEX_OWNER_DIED) == 0
                && (long) LONG.get(body, LINKED_ENTRY_OFFSET) == entry
                && Files.exists(Path.of("/proc/self/task/" + owner));
        if (ownedHere) {
            KEPT.add(object);
            return;
        }
        object.close();
    }

    @Override
    public int startToken() {
        return 0;
    }

    @Override
    public WaitStatus attempt(int startToken) {
        return waitFor(0);
    }

    @Override
    public boolean looksAvailable(int startToken) {
        int v = (int) INT.getVolatile(body, STATE_OFFSET);
        int owner = v & FUTEX_TID_MASK;
        return owner == 0 || (v & FUTEX_OWNER_DIED) != 0 || owner == thread().tid;
    }

    @Override
    public long prepareSleep() {
        for (;;) {
            int v = (int) INT.getVolatile(body, STATE_OFFSET);
            if ((v & FUTEX_OWNER_DIED) != 0 || (v & FUTEX_TID_MASK) == 0) {
                return AVAILABLE;
            }
            if ((v & FUTEX_WAITERS) != 0 || INT.compareAndSet(body, STATE_OFFSET, v, v | FUTEX_WAITERS)) {
                return (v | FUTEX_WAITERS) & 0xffffffffL;
            }
        }
    }

    @Override
    public void finishSleep() {
    }

    @Override
    public long wordAddress() {
        return bodyAddress + STATE_OFFSET;
    }

    @Override
    public void passWake() {
        int v = (int) INT.getVolatile(body, STATE_OFFSET);
        if (((v & FUTEX_TID_MASK) == 0 || (v & FUTEX_OWNER_DIED) != 0) && (v & FUTEX_WAITERS) != 0) {
            Futex.wake(bodyAddress + STATE_OFFSET, 1);
        }
    }

    @Override
    public void giveBack(WaitStatus taken, int txn) {
        if (taken != WaitStatus.ABANDONED) {
            release();
            return;
        }
        // Taken abandoned: give it back abandoned, so that whoever takes it next is told.
        RobustThread t = thread();
        long linked = t.linkedEntry(body, entry);
        t.setPending(linked);
        t.unlink(body, linked);
        int old = (int) INT.getAndSetRelease(body, STATE_OFFSET, FUTEX_OWNER_DIED);
        if ((old & FUTEX_WAITERS) != 0) {
            INT.getAndBitwiseOr(body, STATE_OFFSET, FUTEX_WAITERS);
            Futex.wake(bodyAddress + STATE_OFFSET, 1);
        }
        t.clearPending();
    }

    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** @return the raw state word (for tests and the tool) */
    int state() {
        return (int) INT.getVolatile(body, STATE_OFFSET);
    }
}
