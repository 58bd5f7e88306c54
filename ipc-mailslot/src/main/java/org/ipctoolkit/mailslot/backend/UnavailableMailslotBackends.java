package org.ipctoolkit.mailslot.backend;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.mailslot.MailslotName;
import org.ipctoolkit.mailslot.MailslotServer;

/** The backend of a platform without mailslots: every call fails with the reason. */
public final class UnavailableMailslotBackends implements MailslotBackends {
    private final Availability availability;

    /** @param availability an unavailable outcome, with its cause */
    public UnavailableMailslotBackends(Availability availability) {
        this.availability = availability;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public ServerBackend createServer(MailslotName name, int maxMessageSize, long readTimeoutMillis,
                                      MailslotServer.Options options) {
        availability.ensureAvailable("mailslot", name.win32Name(), "create");
        throw new IllegalStateException("unreachable");
    }

    @Override
    public ClientBackend openClient(MailslotName name) {
        availability.ensureAvailable("mailslot", name.win32Name(), "open");
        throw new IllegalStateException("unreachable");
    }
}
