package org.ipctoolkit.pipe;

import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.NativeError;

/**
 * Every instance of the pipe stayed busy until the client's timeout ({@code WaitNamedPipeW} failed with
 * {@code ERROR_SEM_TIMEOUT}), or an accept's timeout passed. Nothing was connected.
 */
public class PipeBusyException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * @param name      the pipe
     * @param operation what was being done
     * @param error     the system's error, or null
     * @param detail    what happened
     */
    public PipeBusyException(String name, String operation, NativeError error, String detail) {
        super("named pipe", name, operation, error, detail);
    }
}
