package org.ipctoolkit.pipe.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.WinBase.OVERLAPPED;
import com.sun.jna.platform.win32.WinNT.HANDLE;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import com.sun.jna.win32.W32APIOptions;

/**
 * The kernel32 pipe functions with UTF-16 names and native buffers, as overlapped I/O needs them (the
 * buffer must outlive the call: a Java array passed through JNA does not); jna-platform's versions take
 * {@code byte[]} and switch to ANSI under {@code -Dw32.ascii=true}.
 */
interface PipeApi extends StdCallLibrary {
    PipeApi K = Native.load("kernel32", PipeApi.class, W32APIOptions.UNICODE_OPTIONS);

    int PIPE_ACCESS_INBOUND = 1;
    int PIPE_ACCESS_OUTBOUND = 2;
    int PIPE_ACCESS_DUPLEX = 3;
    int FILE_FLAG_FIRST_PIPE_INSTANCE = 0x00080000;
    int FILE_FLAG_OVERLAPPED = 0x40000000;
    int PIPE_TYPE_MESSAGE = 4;
    int PIPE_READMODE_MESSAGE = 2;
    int PIPE_REJECT_REMOTE_CLIENTS = 8;
    int GENERIC_READ = 0x80000000;
    int GENERIC_WRITE = 0x40000000;
    int OPEN_EXISTING = 3;
    int ERROR_FILE_NOT_FOUND = 2;
    int ERROR_ACCESS_DENIED = 5;
    int ERROR_BROKEN_PIPE = 109;
    int ERROR_SEM_TIMEOUT = 121;
    int ERROR_PIPE_BUSY = 231;
    int ERROR_NO_DATA = 232;
    int ERROR_PIPE_NOT_CONNECTED = 233;
    int ERROR_MORE_DATA = 234;
    int ERROR_PIPE_CONNECTED = 535;
    int ERROR_IO_PENDING = 997;
    int ERROR_OPERATION_ABORTED = 995;

    HANDLE CreateNamedPipeW(WString name, int openMode, int pipeMode, int maxInstances, int outBufferSize, int inBufferSize,
                            int defaultTimeOut, Pointer securityAttributes);

    boolean ConnectNamedPipe(HANDLE pipe, OVERLAPPED overlapped);

    boolean WaitNamedPipeW(WString name, int timeout);

    HANDLE CreateFileW(WString name, int access, int share, Pointer security, int disposition, int flags, HANDLE template);

    boolean SetNamedPipeHandleState(HANDLE pipe, IntByReference mode, IntByReference maxCollection, IntByReference timeout);

    boolean ReadFile(HANDLE file, Pointer buffer, int bytes, IntByReference read, OVERLAPPED overlapped);

    boolean WriteFile(HANDLE file, Pointer buffer, int bytes, IntByReference written, OVERLAPPED overlapped);

    boolean GetOverlappedResult(HANDLE file, OVERLAPPED overlapped, IntByReference transferred, boolean wait);

    boolean CancelIoEx(HANDLE file, OVERLAPPED overlapped);

    boolean PeekNamedPipe(HANDLE pipe, Pointer buffer, int size, IntByReference read, IntByReference available,
                          IntByReference leftThisMessage);

    boolean TransactNamedPipe(HANDLE pipe, Pointer in, int inSize, Pointer out, int outSize, IntByReference read,
                              OVERLAPPED overlapped);

    boolean GetNamedPipeClientProcessId(HANDLE pipe, IntByReference pid);

    boolean GetNamedPipeServerProcessId(HANDLE pipe, IntByReference pid);

    boolean FlushFileBuffers(HANDLE file);
}
