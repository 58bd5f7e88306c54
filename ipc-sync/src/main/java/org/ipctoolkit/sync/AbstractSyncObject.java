package org.ipctoolkit.sync;

import java.util.Objects;
import org.ipctoolkit.core.ObjectName;
import org.ipctoolkit.core.ResourceGuard;
import org.ipctoolkit.sync.backend.SyncObjectBackend;

/**
 * The part the three API classes share: the name, the backend, and the guard that closes it once.
 * Not generic, so that no public class names a type of the unexported backend package.
 */
abstract class AbstractSyncObject {
    private final ObjectName name;
    private final SyncObjectBackend backend;
    private final boolean created;
    private final ResourceGuard guard;

    AbstractSyncObject(String kind, ObjectName name, SyncObjectBackend backend) {
        this.name = name;
        this.backend = Objects.requireNonNull(backend, "backend");
        this.created = backend.created();
        this.guard = new ResourceGuard(this, kind + " \"" + name + "\"", backend::close);
    }

    /** @return the backend, after checking the object is open */
    final SyncObjectBackend backend() {
        guard.ensureOpen();
        return backend;
    }

    /** @throws IllegalStateException if the object is closed */
    final void ensureOpen() {
        guard.ensureOpen();
    }

    final ObjectName objectName() {
        return name;
    }

    /** @return the object's name as given */
    public final String name() {
        return name.win32Name();
    }

    /** @return true if this process created the object, false if it opened an existing one */
    public final boolean created() {
        return created;
    }

    /** Closes the hold once; a second call does nothing. */
    public final void close() {
        guard.close();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + name + (guard.isClosed() ? ", closed" : "") + "]";
    }
}
