package org.ipctoolkit.mailslot.windows;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotServer;
import org.ipctoolkit.mailslot.backend.ClientBackend;
import org.ipctoolkit.mailslot.backend.MailslotBackends;
import org.ipctoolkit.mailslot.backend.ServerBackend;

/**
 * The Windows backend of ipc-mailslot: Win32 mailslots through JNA ({@link MailslotApi} for
 * {@code CreateMailslotW}, {@code GetMailslotInfo}, {@code SetMailslotInfo}; jna-platform's
 * {@code Kernel32} loaded with {@code UNICODE_OPTIONS} for {@code CreateFileW} and the rest). Its
 * probe ({@link SystemTraits#probe()}) makes a private mailslot and a client of it, which also tells
 * where the system behaves as Wine 8 rather than Windows (see the package description).
 */
public final class WindowsMailslotBackends implements MailslotBackends {
    /** The object kind in exceptions. */
    static final String KIND = "mailslot";

    private final Availability availability;
    private final SystemTraits traits;

    private WindowsMailslotBackends(Availability availability, SystemTraits traits) {
        this.availability = availability;
        this.traits = traits;
    }

    /**
     * Runs the probe; never throws.
     *
     * @return the backend, whose {@link #availability()} reports the probe's outcome
     */
    public static MailslotBackends load() {
        SystemTraits[] found = {SystemTraits.WINDOWS};
        Availability a = Availability.probe(() -> found[0] = SystemTraits.probe());
        return new WindowsMailslotBackends(a, found[0]);
    }

    @Override
    public Availability availability() {
        return availability;
    }

    /**
     * {@code CreateMailslotW}. {@code options} has nothing for Windows: the system receives network
     * messages for every mailslot.
     */
    @Override
    public ServerBackend createServer(MailslotName name, int maxMessageSize, long readTimeoutMillis,
                                      MailslotServer.Options options) {
        return WindowsMailslotServer.create(name, maxMessageSize, readTimeoutMillis, traits);
    }

    /** {@code CreateFileW(name, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE, NULL, OPEN_EXISTING, ...)}. */
    @Override
    public ClientBackend openClient(MailslotName name) {
        return WindowsMailslotClient.open(name, traits);
    }

    /** @return what the probe found (for the tests of this package) */
    SystemTraits traits() {
        return traits;
    }

    @Override
    public String toString() {
        return "WindowsMailslotBackends[" + availability + ", " + traits + "]";
    }
}
