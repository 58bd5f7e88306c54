package org.ipctoolkit.copydata.backend;

import org.ipctoolkit.core.Availability;

/** The backend of a platform without windows: every call fails with the reason. */
public final class UnavailableCopyDataBackends implements CopyDataBackends {
    private final Availability availability;

    /** @param availability an unavailable outcome, with its cause */
    public UnavailableCopyDataBackends(Availability availability) {
        this.availability = availability;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    private <T> T fail(String name, String operation) {
        availability.ensureAvailable("window", name, operation);
        throw new IllegalStateException("unreachable");
    }

    @Override
    public WindowBackend createWindow(String className, String title, boolean messageOnly, boolean allowLowerIntegrity,
                                      String threadName, WindowCallbacks callbacks) {
        return fail(className, "create");
    }

    @Override
    public TargetBackend find(String className, String title) {
        return fail(className, "find");
    }

    @Override
    public int registerMessage(String name) {
        return this.<Integer>fail(name, "register");
    }

    @Override
    public void broadcast(int message, long wParam, long lParam) {
        fail("HWND_BROADCAST", "broadcast");
    }
}
