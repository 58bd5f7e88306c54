package org.ipctoolkit.sync.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.WinBase;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import java.util.List;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.windows.Win32;
import org.ipctoolkit.core.windows.Win32Errors;
import org.ipctoolkit.sync.backend.EventBackend;
import org.ipctoolkit.sync.backend.MutexBackend;
import org.ipctoolkit.sync.backend.SemaphoreBackend;
import org.ipctoolkit.sync.backend.SyncBackends;
import org.ipctoolkit.sync.backend.SyncObjectBackend;

/**
 * The Windows backend of ipc-sync: the Win32 kernel objects themselves, through jna-platform's
 * {@code Kernel32} loaded with {@code UNICODE_OPTIONS} ({@link Win32#KERNEL32}) and
 * {@link SemaphoreApi} for what jna-platform lacks. Multi-object waits are
 * {@code WaitForMultipleObjects}. Its probe creates and closes an unnamed event
 * ({@code CreateEventW(NULL, TRUE, FALSE, NULL)}).
 */
public final class WindowsSyncBackends implements SyncBackends {
    private static final String WAIT_KIND = "wait";

    private final Availability availability;

    private WindowsSyncBackends(Availability availability) {
        this.availability = availability;
    }

    /**
     * Runs the probe; never throws.
     *
     * @return the backend, whose {@link #availability()} reports the probe's outcome
     */
    public static SyncBackends load() {
        return new WindowsSyncBackends(Availability.probe(() -> {
            HANDLE h = Win32.KERNEL32.CreateEvent(null, true, false, null);
            if (h == null) {
                throw Win32Errors.lastFailure("probe", null, "CreateEventW");
            }
            Win32.KERNEL32.CloseHandle(h);
            SemaphoreApi.KERNEL32.hashCode(); // the semaphore binding loads too
        }));
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public MutexBackend createMutex(ObjectName name, boolean initiallyOwned) {
        return WindowsMutex.create(name, initiallyOwned, false);
    }

    @Override
    public MutexBackend openMutex(ObjectName name) {
        return WindowsMutex.open(name);
    }

    @Override
    public MutexBackend createOrOpenMutex(ObjectName name, boolean initiallyOwned) {
        return WindowsMutex.create(name, initiallyOwned, true);
    }

    @Override
    public EventBackend createEvent(ObjectName name, boolean manualReset, boolean initialState) {
        return WindowsEvent.create(name, manualReset, initialState, false);
    }

    @Override
    public EventBackend openEvent(ObjectName name) {
        return WindowsEvent.open(name);
    }

    @Override
    public EventBackend createOrOpenEvent(ObjectName name, boolean manualReset, boolean initialState) {
        return WindowsEvent.create(name, manualReset, initialState, true);
    }

    @Override
    public EventBackend createPrivateEvent(boolean manualReset, boolean initialState) {
        return WindowsEvent.create(null, manualReset, initialState, false);
    }

    @Override
    public SemaphoreBackend createSemaphore(ObjectName name, int initialCount, int maximumCount) {
        return WindowsSemaphore.create(name, initialCount, maximumCount, false);
    }

    @Override
    public SemaphoreBackend openSemaphore(ObjectName name) {
        return WindowsSemaphore.open(name);
    }

    @Override
    public SemaphoreBackend createOrOpenSemaphore(ObjectName name, int initialCount, int maximumCount) {
        return WindowsSemaphore.create(name, initialCount, maximumCount, true);
    }

    @Override
    public int waitAny(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        return waitMultiple(objects, false, timeoutNanos);
    }

    @Override
    public int waitAll(List<? extends SyncObjectBackend> objects, long timeoutNanos) {
        return waitMultiple(objects, true, timeoutNanos);
    }

    private static int waitMultiple(List<? extends SyncObjectBackend> objects, boolean all, long timeoutNanos) {
        int n = objects.size();
        HANDLE[] handles = new HANDLE[n];
        for (int i = 0; i < n; i++) {
            handles[i] = ((WindowsSyncObject) objects.get(i)).handle;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        long left = timeoutNanos;
        while (true) {
            int ms = timeoutNanos == -1 ? WinBase.INFINITE : timeoutNanos == 0 ? 0 : Timeouts.millis(left);
            int r = Win32.KERNEL32.WaitForMultipleObjects(n, handles, all, ms);
            if (r >= WinBase.WAIT_OBJECT_0 && r < WinBase.WAIT_OBJECT_0 + n) {
                return r - WinBase.WAIT_OBJECT_0;
            }
            if (r >= WindowsSyncObject.WinNT_WAIT_ABANDONED && r < WindowsSyncObject.WinNT_WAIT_ABANDONED + n) {
                return ABANDONED_0 + (r - WindowsSyncObject.WinNT_WAIT_ABANDONED);
            }
            if (r != WinError.WAIT_TIMEOUT) {
                throw Win32Errors.failure(WAIT_KIND, null, "WaitForMultipleObjects", Native.getLastError(), null);
            }
            if (timeoutNanos == 0) {
                return TIMEOUT;
            }
            left = deadline - System.nanoTime();
            if (left <= 0) {
                return TIMEOUT;
            }
        }
    }
}
