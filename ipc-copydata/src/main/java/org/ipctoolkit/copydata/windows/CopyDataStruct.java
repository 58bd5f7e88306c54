package org.ipctoolkit.copydata.windows;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The layout of {@code COPYDATASTRUCT}, read and written in native memory:
 * <pre>
 *   64-bit                           32-bit
 *   0   ULONG_PTR dwData   (8)       0  ULONG_PTR dwData (4)
 *   8   DWORD     cbData   (4)       4  DWORD     cbData (4)
 *   12  (padding)          (4)       8  PVOID     lpData (4)
 *   16  PVOID     lpData   (8)       12 (size)
 *   24  (size)
 * </pre>
 */
final class CopyDataStruct {
    private static final int P = Native.POINTER_SIZE;
    /** Offset of {@code dwData}. */
    static final int DW_DATA_OFFSET = 0;
    /** Offset of {@code cbData}. */
    static final int CB_DATA_OFFSET = P;
    /** Offset of {@code lpData}. */
    static final int LP_DATA_OFFSET = 2 * P;
    /** The structure's size. */
    static final int SIZE = 3 * P;

    private CopyDataStruct() {
    }

    /** @return a new structure in native memory, which the caller closes */
    static Memory allocate(long dwData, Pointer lpData, int cbData) {
        Memory m = new Memory(SIZE);
        m.clear();
        if (P == 8) {
            m.setLong(DW_DATA_OFFSET, dwData);
        } else {
            m.setInt(DW_DATA_OFFSET, (int) dwData);
        }
        m.setInt(CB_DATA_OFFSET, cbData);
        m.setPointer(LP_DATA_OFFSET, lpData);
        return m;
    }

    static long dwData(Pointer cds) {
        return P == 8 ? cds.getLong(DW_DATA_OFFSET) : cds.getInt(DW_DATA_OFFSET) & 0xFFFF_FFFFL;
    }

    static int cbData(Pointer cds) {
        return cds.getInt(CB_DATA_OFFSET);
    }

    static Pointer lpData(Pointer cds) {
        return cds.getPointer(LP_DATA_OFFSET);
    }
}
