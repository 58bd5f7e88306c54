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
 * mapping or (an unnamed event) in a direct buffer private to this process, and the futex sleep with
 * a deadline.
 */
abstract class LinuxSyncObject {
    static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());

    /** The named object, or null for an unnamed one. */
    private final LinuxNamedObject object;
    final ByteBuffer body;
    final long bodyAddress;

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
    }

    /** @return true if this hold created the object (an unnamed one always) */
    public boolean created() {
        return object == null || object.created();
    }

    /** {@code CloseHandle}: the descriptor and the mapping. */
    public void close() {
        if (object != null) {
            object.close();
        }
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
