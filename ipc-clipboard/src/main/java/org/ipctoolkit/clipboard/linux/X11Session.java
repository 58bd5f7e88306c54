package org.ipctoolkit.clipboard.linux;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.ptr.LongByReference;
import com.sun.jna.ptr.PointerByReference;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongConsumer;
import java.util.function.Predicate;
import org.ipctoolkit.clipboard.ClipboardBusyException;
import org.ipctoolkit.core.IpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the X server and the thread that owns it ({@code ipc-clipboard-x11}): every Xlib
 * call of the backend runs on that thread (Xlib is not thread-safe without {@code XInitThreads}, which
 * would have to come before any other Xlib call in the process). Callers hand it tasks and wait with a
 * deadline; between tasks it sleeps in {@code poll} on the X connection and an {@code eventfd} that a
 * new task writes to, so it serves the selection without polling.
 *
 * <h2>What the thread does</h2>
 * <ul>
 *   <li>Owns {@code CLIPBOARD} after a write and answers {@code SelectionRequest}s from its copy of the
 *       data: {@code TARGETS}, {@code TIMESTAMP}, and each target written; data larger than the chunk
 *       size goes by the INCR protocol, one chunk per {@code PropertyNotify(Delete)} of the requestor.
 *       The copy is dropped on {@code SelectionClear} (another program took the clipboard).</li>
 *   <li>Reads with {@code XConvertSelection} into a property of its own window and waits for the
 *       {@code SelectionNotify} until the deadline, serving its own selection meanwhile; an INCR
 *       answer is read chunk by chunk.</li>
 *   <li>Counts XFixes {@code SelectionNotify} events on {@code CLIPBOARD} (a new owner, an owner window
 *       destroyed, an owner client gone): the sequence number, and the listeners' calls.</li>
 * </ul>
 * An X protocol error (a requestor window gone) is logged and ignored; a lost connection to the X
 * server ends the session (every later call fails with the cause) instead of the process, which is
 * what Xlib's default handlers would do.
 */
final class X11Session {
    private static final Logger LOG = LoggerFactory.getLogger(X11Session.class);
    private static final Xlib X = Xlib.X11;
    private static final Xlib.ErrorHandler ERRORS = X11Session::onError;
    private static volatile String lastError;

    private final Pointer display;
    private final long window;
    private final int xfd;
    private final int wakeFd;
    private final int fixesEvent;
    private final int chunkBytes;
    private final Atoms atoms;
    private final Thread thread;
    private final BlockingQueue<FutureTask<?>> tasks = new LinkedBlockingQueue<>();
    private final Memory event = new Memory(XEvents.SIZE);
    private final Memory reply = new Memory(XEvents.SIZE);
    private final Memory pollFds = new Memory(16);
    private final AtomicLong sequence = new AtomicLong();
    private final List<BlockingQueue<Long>> watchers = new CopyOnWriteArrayList<>();
    /** The IO-error exit handler; strongly held while the display lives. */
    private final Xlib.IOErrorExitHandler ioErrorHandler = this::onConnectionLost;
    private volatile Throwable lost;

    // Thread-confined: what this process serves while it owns CLIPBOARD.
    private Map<Long, Served> served;
    private long ownedSince;
    private final Map<String, Transfer> transfers = new HashMap<>();

    /** The bytes of one target and the type they are announced with. */
    record Served(long type, byte[] data) {
    }

    /** An outgoing INCR transfer, advanced on each deletion of the requestor's property. */
    private static final class Transfer {
        final long requestor;
        final long property;
        final long type;
        final byte[] data;
        int offset;

        Transfer(long requestor, long property, long type, byte[] data) {
            this.requestor = requestor;
            this.property = property;
            this.type = type;
            this.data = data;
        }
    }

    /** The atoms the session uses, interned once. */
    static final class Atoms {
        final long clipboard;
        final long targets;
        final long timestamp;
        final long multiple;
        final long incr;
        final long atom;
        final long integer;
        final long cardinal;
        final long utf8String;
        final long string;
        final long text;
        final long textPlainUtf8;
        final long textPlain;
        final long compoundText;
        final long saveTargets;
        final long delete;
        final long property;
        final long timeProperty;
        final long wmName;
        final long netWmName;
        final long netWmPid;

        Atoms(Pointer d) {
            clipboard = X.XInternAtom(d, "CLIPBOARD", 0);
            targets = X.XInternAtom(d, "TARGETS", 0);
            timestamp = X.XInternAtom(d, "TIMESTAMP", 0);
            multiple = X.XInternAtom(d, "MULTIPLE", 0);
            incr = X.XInternAtom(d, "INCR", 0);
            atom = 4;
            integer = 19;
            cardinal = 6;
            utf8String = X.XInternAtom(d, "UTF8_STRING", 0);
            string = 31;
            text = X.XInternAtom(d, "TEXT", 0);
            textPlainUtf8 = X.XInternAtom(d, "text/plain;charset=utf-8", 0);
            textPlain = X.XInternAtom(d, "text/plain", 0);
            compoundText = X.XInternAtom(d, "COMPOUND_TEXT", 0);
            saveTargets = X.XInternAtom(d, "SAVE_TARGETS", 0);
            delete = X.XInternAtom(d, "DELETE", 0);
            property = X.XInternAtom(d, "IPC_TOOLKIT_SELECTION", 0);
            timeProperty = X.XInternAtom(d, "IPC_TOOLKIT_TIME", 0);
            wmName = 39;
            netWmName = X.XInternAtom(d, "_NET_WM_NAME", 0);
            netWmPid = X.XInternAtom(d, "_NET_WM_PID", 0);
        }
    }

    private X11Session(Pointer display) {
        this.display = display;
        IntByReference eventBase = new IntByReference();
        IntByReference errorBase = new IntByReference();
        if (!Xlib.XFixes.INSTANCE.XFixesQueryExtension(display, eventBase, errorBase)) {
            X.XCloseDisplay(display);
            throw new IllegalStateException("the X server has no XFixes extension (needed for change notification)");
        }
        this.fixesEvent = eventBase.getValue() + Xlib.XFixes.SelectionNotify;
        try {
            X.XSetIOErrorExitHandler(display, ioErrorHandler, null);
        } catch (UnsatisfiedLinkError e) {
            LOG.warn("libX11 before 1.7 has no XSetIOErrorExitHandler: losing the X server will end the process");
        }
        this.xfd = X.XConnectionNumber(display);
        this.atoms = new Atoms(display);
        long root = X.XDefaultRootWindow(display);
        this.window = X.XCreateSimpleWindow(display, root, -10, -10, 1, 1, 0, 0, 0);
        X.XSelectInput(display, window, Xlib.PropertyChangeMask);
        long pid = ProcessHandle.current().pid();
        setProperty(window, atoms.wmName, atoms.string, 8, ("ipc-toolkit clipboard (pid " + pid + ")").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        setLongs(window, atoms.netWmPid, atoms.cardinal, new long[] {pid});
        Xlib.XFixes.INSTANCE.XFixesSelectSelectionInput(display, root, atoms.clipboard,
                Xlib.XFixes.SetSelectionOwnerNotifyMask | Xlib.XFixes.SelectionWindowDestroyNotifyMask
                        | Xlib.XFixes.SelectionClientCloseNotifyMask);
        long max = X.XExtendedMaxRequestSize(display);
        if (max == 0) {
            max = X.XMaxRequestSize(display);
        }
        this.chunkBytes = (int) Math.max(64 << 10, Math.min(1 << 20, max));
        X.XFlush(display);
        this.wakeFd = Poll.C.eventfd(0, Poll.EFD_CLOEXEC | Poll.EFD_NONBLOCK);
        if (wakeFd < 0) {
            throw new IllegalStateException("eventfd failed: errno " + Native.getLastError());
        }
        this.thread = new Thread(this::loop, "ipc-clipboard-x11");
        thread.setDaemon(true);
    }

    /**
     * Opens the display in {@code DISPLAY} and starts the session's thread.
     *
     * @return the session
     * @throws IllegalStateException if there is no X server or no XFixes
     */
    static X11Session open() {
        String name = System.getenv("DISPLAY");
        if (name == null || name.isEmpty()) {
            throw new IllegalStateException("DISPLAY is not set: the Linux clipboard is the X11 CLIPBOARD selection and needs an"
                    + " X server (Xvfb in tests)");
        }
        X.XSetErrorHandler(ERRORS);
        Pointer d = X.XOpenDisplay(name);
        if (d == null) {
            throw new IllegalStateException("cannot open the X display \"" + name + "\" (XOpenDisplay failed)");
        }
        X11Session s = new X11Session(d);
        s.thread.start();
        return s;
    }

    Atoms atoms() {
        return atoms;
    }

    long window() {
        return window;
    }

    long sequence() {
        return sequence.get();
    }

    // ---- calls from other threads ----

    /**
     * Runs {@code body} on the session's thread and waits for it.
     *
     * @param operation     for messages
     * @param timeoutMillis the caller's timeout; the body gets the same deadline
     */
    <T> T call(String operation, long timeoutMillis, Callable<T> body) {
        Throwable cause = lost;
        if (cause != null) {
            throw lostException(operation, cause);
        }
        if (Thread.currentThread() == thread) {
            try {
                return body.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        FutureTask<T> task = new FutureTask<>(body);
        tasks.add(task);
        wake();
        try {
            return task.get(timeoutMillis + 2000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            task.cancel(false);
            throw new ClipboardBusyException(operation, null, "the clipboard thread did not get to it within "
                    + timeoutMillis + " ms (it is serving another request)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IpcException("clipboard", "CLIPBOARD", operation, null, "interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException) {
                throw (RuntimeException) e.getCause();
            }
            if (e.getCause() instanceof Error) {
                throw (Error) e.getCause();
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private IpcException lostException(String operation, Throwable cause) {
        IpcException e = new IpcException("clipboard", "CLIPBOARD", operation, null,
                "the connection to the X server was lost: " + cause.getMessage());
        e.initCause(cause);
        return e;
    }

    private void wake() {
        Poll.C.write(wakeFd, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}, 8);
    }

    /** Registers a listener queue that gets each new sequence number. */
    void addWatcher(BlockingQueue<Long> queue) {
        watchers.add(queue);
    }

    void removeWatcher(BlockingQueue<Long> queue) {
        watchers.remove(queue);
    }

    // ---- the thread ----

    private void loop() {
        byte[] drain = new byte[8];
        while (true) {
            FutureTask<?> t;
            while ((t = tasks.poll()) != null) {
                t.run();
            }
            while (X.XPending(display) > 0) {
                X.XNextEvent(display, event);
                dispatch(event);
            }
            X.XFlush(display);
            // XFlush may read what the server sent into Xlib's queue, where poll cannot see it: look again
            if (!tasks.isEmpty() || X.XPending(display) > 0) {
                continue;
            }
            pollFds.setInt(0, xfd);
            pollFds.setShort(4, Poll.POLLIN);
            pollFds.setShort(6, (short) 0);
            pollFds.setInt(8, wakeFd);
            pollFds.setShort(12, Poll.POLLIN);
            pollFds.setShort(14, (short) 0);
            Poll.C.poll(pollFds, 2, -1);
            Poll.C.read(wakeFd, drain, 8);
        }
    }

    /**
     * On the session's thread: handles events until one matches, or the deadline passes. Every event
     * is dispatched first (the selection keeps being served while this waits).
     *
     * @return the matching event (the session's event buffer: read it at once), or null at the deadline
     */
    Pointer awaitEvent(Predicate<Pointer> match, long deadline) {
        while (true) {
            while (X.XPending(display) > 0) {
                X.XNextEvent(display, event);
                dispatch(event);
                if (match.test(event)) {
                    return event;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            X.XFlush(display);
            if (X.XPending(display) > 0) {
                continue;   // the flush read events in: handle them before sleeping
            }
            pollFds.setInt(0, xfd);
            pollFds.setShort(4, Poll.POLLIN);
            pollFds.setShort(6, (short) 0);
            Poll.C.poll(pollFds, 1, (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(left) + 1));
        }
    }

    private void dispatch(Pointer e) {
        int type = e.getInt(XEvents.TYPE) & 0x7f;
        if (type == XEvents.SELECTION_REQUEST) {
            serve(e);
        } else if (type == XEvents.SELECTION_CLEAR) {
            if (e.getLong(XEvents.CLEAR_SELECTION) == atoms.clipboard) {
                served = null;
            }
        } else if (type == XEvents.PROPERTY_NOTIFY) {
            LOG.trace("PropertyNotify window 0x{} atom {} state {}", Long.toHexString(e.getLong(XEvents.PROPERTY_WINDOW)),
                    e.getLong(XEvents.PROPERTY_ATOM), e.getInt(XEvents.PROPERTY_STATE));
            if (e.getInt(XEvents.PROPERTY_STATE) == Xlib.PropertyDelete) {
                continueTransfer(e.getLong(XEvents.PROPERTY_WINDOW), e.getLong(XEvents.PROPERTY_ATOM));
            }
        } else if (type == fixesEvent) {
            if (e.getLong(XEvents.FIXES_SELECTION) == atoms.clipboard) {
                long n = sequence.incrementAndGet();
                for (BlockingQueue<Long> w : watchers) {
                    w.add(n);
                }
            }
        }
    }

    // ---- owning the selection ----

    /** On the thread: a server timestamp, from a zero-length append to a property of our window. */
    long serverTime(long deadline) {
        X.XChangeProperty(display, window, atoms.timeProperty, atoms.integer, 8, Xlib.PropModeAppend, null, 0);
        Pointer e = awaitEvent(ev -> (ev.getInt(XEvents.TYPE) & 0x7f) == XEvents.PROPERTY_NOTIFY
                && ev.getLong(XEvents.PROPERTY_WINDOW) == window && ev.getLong(XEvents.PROPERTY_ATOM) == atoms.timeProperty,
                deadline);
        if (e == null) {
            throw new ClipboardBusyException("XSetSelectionOwner", null, "the X server did not answer in time");
        }
        return e.getLong(XEvents.PROPERTY_TIME);
    }

    /**
     * On the thread: takes CLIPBOARD and serves {@code content} (target atom to data), or gives it up
     * ({@code content} null). Waits until the XFixes notification of the change has been counted.
     */
    void own(Map<Long, Served> content, long deadline, String operation) {
        long before = sequence.get();
        long previousOwner = X.XGetSelectionOwner(display, atoms.clipboard);
        long time = serverTime(deadline);
        long newOwner = content == null ? Xlib.None : window;
        X.XSetSelectionOwner(display, atoms.clipboard, newOwner, time);
        if (X.XGetSelectionOwner(display, atoms.clipboard) != newOwner) {
            throw new ClipboardBusyException(operation, null, "the X server did not give this program the CLIPBOARD"
                    + " selection (another program took it at the same moment)");
        }
        served = content == null ? null : new LinkedHashMap<>(content);
        ownedSince = time;
        if (content != null || previousOwner != Xlib.None) {
            awaitEvent(ev -> sequence.get() != before, deadline);
        }
    }

    /**
     * On the thread: what this process serves now, or null if it does not own CLIPBOARD. Asks the
     * server who the owner is (a {@code SelectionClear} may still be on its way).
     */
    Map<Long, Served> served() {
        if (served != null && X.XGetSelectionOwner(display, atoms.clipboard) != window) {
            served = null;
        }
        return served;
    }

    private void serve(Pointer e) {
        long requestor = e.getLong(XEvents.REQUEST_REQUESTOR);
        long selection = e.getLong(XEvents.REQUEST_SELECTION);
        long target = e.getLong(XEvents.REQUEST_TARGET);
        long property = e.getLong(XEvents.REQUEST_PROPERTY);
        long time = e.getLong(XEvents.REQUEST_TIME);
        if (property == Xlib.None) {
            property = target;
        }
        Map<Long, Served> content = served;
        long answered = Xlib.None;
        if (content != null && selection == atoms.clipboard) {
            if (target == atoms.targets) {
                long[] list = new long[content.size() + 2];
                list[0] = atoms.targets;
                list[1] = atoms.timestamp;
                int i = 2;
                for (long t : content.keySet()) {
                    list[i++] = t;
                }
                setLongs(requestor, property, atoms.atom, list);
                answered = property;
            } else if (target == atoms.timestamp) {
                setLongs(requestor, property, atoms.integer, new long[] {ownedSince});
                answered = property;
            } else if (content.containsKey(target)) {
                Served s = content.get(target);
                LOG.trace("SelectionRequest from 0x{} for {} bytes into property {}", Long.toHexString(requestor), s.data.length, property);
                if (s.data.length > chunkBytes) {
                    X.XSelectInput(display, requestor, Xlib.PropertyChangeMask);
                    setLongs(requestor, property, atoms.incr, new long[] {s.data.length});
                    transfers.put(requestor + "/" + property, new Transfer(requestor, property, s.type, s.data));
                } else {
                    setProperty(requestor, property, s.type, 8, s.data);
                }
                answered = property;
            }
        }
        reply.clear(XEvents.SIZE);
        reply.setInt(XEvents.TYPE, XEvents.SELECTION_NOTIFY);
        reply.setInt(XEvents.SEND_EVENT, 1);
        reply.setPointer(XEvents.DISPLAY, display);
        reply.setLong(XEvents.NOTIFY_REQUESTOR, requestor);
        reply.setLong(XEvents.NOTIFY_SELECTION, selection);
        reply.setLong(XEvents.NOTIFY_TARGET, target);
        reply.setLong(XEvents.NOTIFY_PROPERTY, answered);
        reply.setLong(XEvents.NOTIFY_TIME, time);
        X.XSendEvent(display, requestor, 0, 0, reply);
        X.XFlush(display);
    }

    private void continueTransfer(long requestor, long property) {
        Transfer t = transfers.get(requestor + "/" + property);
        if (t == null) {
            return;
        }
        LOG.trace("INCR to 0x{}: {} of {} bytes sent", Long.toHexString(requestor), t.offset, t.data.length);
        int n = Math.min(chunkBytes, t.data.length - t.offset);
        byte[] chunk = java.util.Arrays.copyOfRange(t.data, t.offset, t.offset + n);
        setProperty(t.requestor, t.property, t.type, 8, chunk);
        if (n == 0) {
            transfers.remove(requestor + "/" + property);
            X.XSelectInput(display, requestor, 0);
        }
        t.offset += n;
        X.XFlush(display);
    }

    // ---- reading ----

    /** A property's value: its type, format, and bytes (format 32 items are C longs, 8 bytes each). */
    record Property(long type, int format, long items, byte[] bytes) {
    }

    /**
     * On the thread: converts CLIPBOARD to {@code target} and reads the answer (INCR included).
     *
     * @return the property, or null if the owner refused the target or there is no owner
     */
    Property convert(long target, long deadline, long timeoutMillis, String operation) {
        long owner = X.XGetSelectionOwner(display, atoms.clipboard);
        if (owner == Xlib.None) {
            return null;
        }
        X.XDeleteProperty(display, window, atoms.property);
        X.XConvertSelection(display, atoms.clipboard, target, atoms.property, window, Xlib.CurrentTime);
        Pointer e = awaitEvent(ev -> (ev.getInt(XEvents.TYPE) & 0x7f) == XEvents.SELECTION_NOTIFY
                && ev.getLong(XEvents.NOTIFY_REQUESTOR) == window && ev.getLong(XEvents.NOTIFY_SELECTION) == atoms.clipboard,
                deadline);
        if (e == null) {
            throw new ClipboardBusyException(operation, null, "the program that owns the clipboard (X11 window 0x"
                    + Long.toHexString(owner) + ") did not answer within " + timeoutMillis + " ms");
        }
        if (e.getLong(XEvents.NOTIFY_PROPERTY) == Xlib.None) {
            return null;
        }
        Property p = readProperty(window, atoms.property, true);
        if (p == null || p.type != atoms.incr) {
            return p;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        long type = Xlib.None;
        int format = 8;
        while (true) {
            long chunkDeadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            Pointer n = awaitEvent(ev -> (ev.getInt(XEvents.TYPE) & 0x7f) == XEvents.PROPERTY_NOTIFY
                    && ev.getLong(XEvents.PROPERTY_WINDOW) == window && ev.getLong(XEvents.PROPERTY_ATOM) == atoms.property
                    && ev.getInt(XEvents.PROPERTY_STATE) == Xlib.PropertyNewValue, chunkDeadline);
            if (n == null) {
                throw new ClipboardBusyException(operation, null, "the owner of the clipboard stopped in the middle of an"
                        + " INCR transfer after " + all.size() + " bytes");
            }
            Property chunk = readProperty(window, atoms.property, true);
            LOG.trace("INCR from the owner: a chunk of {} bytes", chunk == null ? -1 : chunk.bytes.length);
            if (chunk == null || chunk.bytes.length == 0) {
                return new Property(type, format, all.size(), all.toByteArray());
            }
            type = chunk.type;
            format = chunk.format;
            all.write(chunk.bytes, 0, chunk.bytes.length);
        }
    }

    /** On the thread: {@code XGetWindowProperty} of the whole value. */
    Property readProperty(long w, long property, boolean delete) {
        LongByReference type = new LongByReference();
        IntByReference format = new IntByReference();
        LongByReference items = new LongByReference();
        LongByReference after = new LongByReference();
        PointerByReference data = new PointerByReference();
        lastError = null;
        int status = X.XGetWindowProperty(display, w, property, 0, 0x1fffffffL, delete ? 1 : 0, 0 /* AnyPropertyType */, type,
                format, items, after, data);
        if (status != 0 || type.getValue() == Xlib.None) {
            if (data.getValue() != null) {
                X.XFree(data.getValue());
            }
            return null;
        }
        int unit = format.getValue() == 8 ? 1 : format.getValue() == 16 ? 2 : Native.LONG_SIZE;
        long n = items.getValue();
        byte[] bytes = data.getValue() == null ? new byte[0] : data.getValue().getByteArray(0, (int) (n * unit));
        if (data.getValue() != null) {
            X.XFree(data.getValue());
        }
        return new Property(type.getValue(), format.getValue(), n, bytes);
    }

    /** On the thread: the owner of CLIPBOARD, described, or null. */
    String describeOwner() {
        long owner = X.XGetSelectionOwner(display, atoms.clipboard);
        if (owner == Xlib.None) {
            return null;
        }
        StringBuilder b = new StringBuilder("X11 window 0x").append(Long.toHexString(owner));
        if (owner == window) {
            b.append(" (this process)");
        }
        Property name = readProperty(owner, atoms.netWmName, false);
        if (name == null) {
            name = readProperty(owner, atoms.wmName, false);
        }
        if (name != null && name.format == 8) {
            b.append(" \"").append(new String(name.bytes, java.nio.charset.StandardCharsets.UTF_8)).append('"');
        }
        Property pid = readProperty(owner, atoms.netWmPid, false);
        if (pid != null && pid.format == 32 && pid.bytes.length >= 8) {
            b.append(", pid ").append(java.nio.ByteBuffer.wrap(pid.bytes).order(java.nio.ByteOrder.nativeOrder()).getLong(0));
        }
        return b.toString();
    }

    /** On the thread: {@code XInternAtom}. */
    long intern(String name) {
        return X.XInternAtom(display, name, 0);
    }

    /** On the thread: {@code XGetAtomName}, or null for an atom the server does not know. */
    String atomName(long atom) {
        lastError = null;
        Pointer p = X.XGetAtomName(display, atom);
        if (p == null) {
            return null;
        }
        try {
            return p.getString(0, "UTF-8");
        } finally {
            X.XFree(p);
        }
    }

    private void setProperty(long w, long property, long type, int format, byte[] data) {
        Memory m = data.length == 0 ? null : new Memory(data.length);
        if (m != null) {
            m.write(0, data, 0, data.length);
        }
        X.XChangeProperty(display, w, property, type, format, Xlib.PropModeReplace, m, data.length);
    }

    private void setLongs(long w, long property, long type, long[] values) {
        Memory m = new Memory((long) Native.LONG_SIZE * Math.max(1, values.length));
        for (int i = 0; i < values.length; i++) {
            m.setLong((long) i * Native.LONG_SIZE, values[i]);
        }
        X.XChangeProperty(display, w, property, type, 32, Xlib.PropModeReplace, m, values.length);
    }

    // ---- errors ----

    private static int onError(Pointer d, Pointer e) {
        int code = e.getByte(XEvents.ERROR_CODE) & 0xff;
        int request = e.getByte(XEvents.ERROR_REQUEST) & 0xff;
        lastError = "X error " + code + " (request " + request + ", resource 0x" + Long.toHexString(e.getLong(XEvents.ERROR_RESOURCE)) + ")";
        LOG.debug("{}: ignored (a requestor window gone, or an unknown atom)", lastError);
        return 0;
    }

    private void onConnectionLost(Pointer d, Pointer userData) {
        IllegalStateException cause = new IllegalStateException("the X server closed the connection");
        lost = cause;
        LOG.error("the clipboard lost its connection to the X server; the clipboard is unavailable from now on");
        for (Iterator<FutureTask<?>> it = tasks.iterator(); it.hasNext(); ) {
            it.next().cancel(false);
        }
        // Xlib ends the process if this handler returns: this thread stops here instead.
        while (true) {
            LockSupport.park(this);
        }
    }

    /** @return a copy of the list of watchers' queues (for tests of the dispatch) */
    List<BlockingQueue<Long>> watchers() {
        return new ArrayList<>(watchers);
    }
}
