package org.ipctoolkit.copydata.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The Win32 constants the backend builds itself: the {@code HWND_MESSAGE} and {@code HWND_BROADCAST}
 * pseudo-handles (built from a long: jna-platform's {@code HWND_MESSAGE} is zero-extended, see the
 * pitfalls in DESIGN.md) and the size of {@code COPYDATASTRUCT}. Windows only: these are Win32 values.
 */
@Tag("windows-only")
class WindowsHandlesTest {
    @Test
    void pseudoHandlesAndTheCopyDataStruct() {
        assertEquals(-3L, Pointer.nativeValue(WindowApi.HWND_MESSAGE.getPointer()));
        assertEquals(0xffffL, Pointer.nativeValue(WindowApi.HWND_BROADCAST.getPointer()));
        assertEquals(3 * Native.POINTER_SIZE, CopyDataStruct.SIZE);
    }
}
