package org.ipctoolkit.core.windows;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.win32.W32APIOptions;

/**
 * The toolkit's one binding of kernel32, for every module: jna-platform's {@link Kernel32} interface
 * loaded with {@link W32APIOptions#UNICODE_OPTIONS}, so that each function with a name or text
 * argument is its {@code W} form ({@code CreateFileMappingW}, {@code OpenFileMappingW},
 * {@code FormatMessageW}) whatever the {@code w32.ascii} system property says.
 *
 * <p>Do not use {@code Kernel32.INSTANCE}: it is loaded with {@code W32APIOptions.DEFAULT_OPTIONS},
 * which switch to the ANSI ({@code A}) functions when {@code -Dw32.ascii=true} is set, and names
 * outside the ANSI code page then become {@code ?}.
 *
 * <p>Windows only: touching this class elsewhere fails, as there is no kernel32 to load.
 */
public final class Win32 {
    /** kernel32, Unicode functions. */
    public static final Kernel32 KERNEL32 = Native.load("kernel32", Kernel32.class, W32APIOptions.UNICODE_OPTIONS);

    private Win32() {
    }
}
