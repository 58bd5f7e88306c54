package org.ipctoolkit.sync;

import org.ipctoolkit.core.IpcException;

/**
 * Thrown by {@link NamedMutex#acquire()} <em>after</em> ownership was granted, when the previous
 * owner (a thread, or a whole process) ended without releasing the mutex ({@code WAIT_ABANDONED}
 * from {@code WaitForSingleObject}), as .NET's {@code AbandonedMutexException} is. The calling
 * thread owns the mutex (recursion count 1) and must release it; the data it guards may be half
 * written, so check it first. {@link NamedMutex#tryAcquire} reports the same case as
 * {@link WaitResult#ABANDONED} instead.
 */
public class AbandonedMutexException extends IpcException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param objectName the mutex's name
     * @param operation  the native function that reported it, e.g. {@code WaitForSingleObject}
     */
    public AbandonedMutexException(String objectName, String operation) {
        super(NamedMutex.KIND, objectName, operation, null,
                "the mutex was abandoned by its previous owner; the calling thread owns it now and must release it");
    }
}
