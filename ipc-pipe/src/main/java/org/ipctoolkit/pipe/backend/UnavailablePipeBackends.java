package org.ipctoolkit.pipe.backend;

import org.ipctoolkit.core.Availability;
import org.ipctoolkit.pipe.NamedPipeServer;
import org.ipctoolkit.pipe.PipeMode;
import org.ipctoolkit.pipe.PipeName;

/** The backend of a platform without named pipes: every call fails with the reason. */
public final class UnavailablePipeBackends implements PipeBackends {
    private final Availability availability;

    /** @param availability an unavailable outcome, with its cause */
    public UnavailablePipeBackends(Availability availability) {
        this.availability = availability;
    }

    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public ServerBackend createServer(PipeName name, NamedPipeServer.Options options) {
        availability.ensureAvailable("named pipe", name.fullName(), "CreateNamedPipeW");
        throw new IllegalStateException("unreachable");
    }

    @Override
    public ConnectionBackend connect(PipeName name, long timeoutMillis, PipeMode readMode, boolean read, boolean write) {
        availability.ensureAvailable("named pipe", name.fullName(), "CreateFileW");
        throw new IllegalStateException("unreachable");
    }
}
