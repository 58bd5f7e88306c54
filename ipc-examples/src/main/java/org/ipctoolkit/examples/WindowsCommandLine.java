package org.ipctoolkit.examples;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's command line as Windows holds it, in UTF-16, split into arguments: what the Java
 * launcher had before it decoded the arguments in the ANSI code page. Windows only.
 */
final class WindowsCommandLine {
    private WindowsCommandLine() {
    }

    /** The kernel32 functions used here, bound with the Unicode options whatever {@code w32.ascii} says. */
    interface Kernel32 extends StdCallLibrary {
        /** kernel32, loaded with {@link W32APIOptions#UNICODE_OPTIONS}. */
        Kernel32 INSTANCE = Native.load("kernel32", Kernel32.class, W32APIOptions.UNICODE_OPTIONS);

        /**
         * Returns the command line of the current process.
         * <a href="https://learn.microsoft.com/en-us/windows/win32/api/processenv/nf-processenv-getcommandlinew">GetCommandLineW</a>.
         *
         * @return the command line, a NUL-terminated UTF-16 string the process owns (never freed)
         */
        Pointer GetCommandLineW();

        /**
         * Frees memory allocated with {@code LocalAlloc}.
         * <a href="https://learn.microsoft.com/en-us/windows/win32/api/winbase/nf-winbase-localfree">LocalFree</a>.
         *
         * @param hMem the memory
         * @return null on success, else {@code hMem} ({@code GetLastError} says why)
         */
        Pointer LocalFree(Pointer hMem);
    }

    /** The shell32 function used here, bound with the Unicode options. */
    interface Shell32 extends StdCallLibrary {
        /** shell32, loaded with {@link W32APIOptions#UNICODE_OPTIONS}. */
        Shell32 INSTANCE = Native.load("shell32", Shell32.class, W32APIOptions.UNICODE_OPTIONS);

        /**
         * Splits a command line into arguments, with the rules of the C runtime.
         * <a href="https://learn.microsoft.com/en-us/windows/win32/api/shellapi/nf-shellapi-commandlinetoargvw">CommandLineToArgvW</a>.
         *
         * @param lpCmdLine the command line (from {@code GetCommandLineW})
         * @param pNumArgs  receives the number of arguments
         * @return an array of pointers to the arguments, in one block to free with {@code LocalFree};
         *         null on failure ({@code GetLastError} says why)
         */
        Pointer CommandLineToArgvW(Pointer lpCmdLine, IntByReference pNumArgs);
    }

    /**
     * Reads and splits this process's command line: {@code GetCommandLineW}, {@code CommandLineToArgvW},
     * {@code LocalFree}.
     *
     * @return every argument, the program first
     * @throws IllegalStateException if {@code CommandLineToArgvW} fails
     */
    static List<String> arguments() {
        Pointer line = Kernel32.INSTANCE.GetCommandLineW();
        IntByReference count = new IntByReference();
        Pointer argv = Shell32.INSTANCE.CommandLineToArgvW(line, count);
        if (argv == null) {
            throw new IllegalStateException("CommandLineToArgvW failed: error " + Native.getLastError());
        }
        try {
            List<String> args = new ArrayList<>(count.getValue());
            for (int i = 0; i < count.getValue(); i++) {
                args.add(argv.getPointer((long) i * Native.POINTER_SIZE).getWideString(0));
            }
            return args;
        } finally {
            Kernel32.INSTANCE.LocalFree(argv);
        }
    }
}
