package org.ipctoolkit.examples;

import org.ipctoolkit.core.ObjectName;

/** What {@code ipc mutex}, {@code ipc event} and {@code ipc semaphore} share. */
final class SyncCommands {
    private SyncCommands() {
    }

    /**
     * Decodes and checks an object name given on the command line.
     *
     * @param kind     the object's kind, for the message
     * @param argument the name as typed, with <code>&#92;uXXXX</code> escapes
     * @return the name
     * @throws org.ipctoolkit.core.IpcInvalidArgumentException if it is not a valid name
     */
    static String name(String kind, String argument) {
        String name = CliText.decodeEscapes(argument);
        ObjectName.of(kind, name);
        return name;
    }
}
