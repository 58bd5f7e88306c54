package org.ipctoolkit.clipboard.linux;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;

/**
 * The Xlib and XFixes functions of the clipboard, declared here with XIDs and atoms as {@code long}
 * (C {@code unsigned long}): jna-platform's {@code X11} has no selection functions
 * ({@code XSetSelectionOwner}, {@code XConvertSelection}, ...) and no XFixes, and its typed
 * {@code Window}/{@code Atom} wrappers would only be unwrapped again. Events are read from a raw
 * {@code XEvent} buffer at the offsets in {@link XEvents}. Only LP64 Linux (x86-64, aarch64). Xlib's
 * {@code Bool} arguments are declared {@code int}: JNA passes a Java {@code true} as -1, which Xlib
 * puts in a protocol byte as 0xff, and the server refuses it (BadValue).
 */
interface Xlib extends Library {
    Xlib X11 = Native.load("X11", Xlib.class);

    long None = 0;
    long CurrentTime = 0;
    int PropModeReplace = 0;
    int PropModeAppend = 2;
    long PropertyChangeMask = 1L << 22;
    int PropertyNewValue = 0;
    int PropertyDelete = 1;

    /** {@code int (*XErrorHandler)(Display *, XErrorEvent *)}. */
    interface ErrorHandler extends Callback {
        int invoke(Pointer display, Pointer errorEvent);
    }

    /** {@code void (*XIOErrorExitHandler)(Display *, void *)} (libX11 1.7 and later). */
    interface IOErrorExitHandler extends Callback {
        void invoke(Pointer display, Pointer userData);
    }

    Pointer XOpenDisplay(String name);

    int XCloseDisplay(Pointer display);

    int XConnectionNumber(Pointer display);

    long XDefaultRootWindow(Pointer display);

    long XCreateSimpleWindow(Pointer display, long parent, int x, int y, int width, int height, int borderWidth,
                             long border, long background);

    int XDestroyWindow(Pointer display, long window);

    int XSelectInput(Pointer display, long window, long mask);

    long XInternAtom(Pointer display, String name, int onlyIfExists);

    Pointer XGetAtomName(Pointer display, long atom);

    int XSetSelectionOwner(Pointer display, long selection, long owner, long time);

    long XGetSelectionOwner(Pointer display, long selection);

    int XConvertSelection(Pointer display, long selection, long target, long property, long requestor, long time);

    int XGetWindowProperty(Pointer display, long window, long property, long longOffset, long longLength, int delete,
                           long reqType, LongByReference actualType, IntByReference actualFormat, LongByReference nitems,
                           LongByReference bytesAfter, PointerByReference data);

    int XChangeProperty(Pointer display, long window, long property, long type, int format, int mode, Pointer data,
                        int nelements);

    int XDeleteProperty(Pointer display, long window, long property);

    int XSendEvent(Pointer display, long window, int propagate, long eventMask, Pointer event);

    int XNextEvent(Pointer display, Pointer event);

    int XPending(Pointer display);

    int XFlush(Pointer display);

    int XSync(Pointer display, int discard);

    int XFree(Pointer data);

    long XMaxRequestSize(Pointer display);

    long XExtendedMaxRequestSize(Pointer display);

    ErrorHandler XSetErrorHandler(ErrorHandler handler);

    void XSetIOErrorExitHandler(Pointer display, IOErrorExitHandler handler, Pointer userData);

    /** XFixes. */
    interface XFixes extends Library {
        XFixes INSTANCE = Native.load("Xfixes", XFixes.class);

        long SetSelectionOwnerNotifyMask = 1;
        long SelectionWindowDestroyNotifyMask = 2;
        long SelectionClientCloseNotifyMask = 4;
        /** {@code XFixesSelectionNotify}, added to the event base. */
        int SelectionNotify = 0;

        boolean XFixesQueryExtension(Pointer display, IntByReference eventBase, IntByReference errorBase);

        void XFixesSelectSelectionInput(Pointer display, long window, long selection, long eventMask);
    }
}
