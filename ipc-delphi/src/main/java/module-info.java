/**
 * Delphi record layouts ({@link org.ipctoolkit.delphi.DelphiRecord}): the bytes a Delphi program holds
 * in a record, read and written in a {@link java.nio.ByteBuffer}, for every ipc-toolkit mechanism that
 * carries records (shared memory, WM_COPYDATA, mailslots, pipes). Depends on the JDK only.
 */
module org.ipctoolkit.delphi {
    exports org.ipctoolkit.delphi;
}
