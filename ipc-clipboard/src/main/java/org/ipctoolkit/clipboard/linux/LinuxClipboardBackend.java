package org.ipctoolkit.clipboard.linux;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.ipctoolkit.clipboard.backend.ClipboardBackend;
import org.ipctoolkit.clipboard.backend.UnavailableClipboardBackend;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.IpcInvalidArgumentException;

/**
 * The Linux backend: the X11 {@code CLIPBOARD} selection through Xlib and XFixes (see
 * {@link X11Session} and the package description).
 *
 * <h2>Formats and targets</h2>
 * <ul>
 *   <li>{@code CF_UNICODETEXT} (13) is written as the targets {@code UTF8_STRING},
 *       {@code text/plain;charset=utf-8}, {@code TEXT} (all UTF-8) and {@code STRING} (ISO 8859-1, with
 *       {@code ?} for what it lacks), and read from the first of {@code UTF8_STRING},
 *       {@code text/plain;charset=utf-8}, {@code STRING} the owner offers.</li>
 *   <li>{@code CF_TEXT} (1) is read from {@code STRING} (or {@code UTF8_STRING}) as ISO 8859-1 bytes and
 *       a NUL, and written as {@code STRING}.</li>
 *   <li>A registered format is the target of its name; its number is {@code 0x10000} plus the atom.</li>
 *   <li>The other standard formats (bitmaps, file lists) have no X11 target of the same meaning here:
 *       writing them is refused, reading them gives nothing.</li>
 * </ul>
 */
public final class LinuxClipboardBackend implements ClipboardBackend {
    /** Registered formats are numbered {@code REGISTERED + atom}. */
    static final int REGISTERED = 0x10000;
    private static final int CF_TEXT = 1;
    private static final int CF_UNICODETEXT = 13;

    private final Availability availability;
    private final X11Session x;

    private LinuxClipboardBackend(Availability availability, X11Session x) {
        this.availability = availability;
        this.x = x;
    }

    /**
     * Opens the X display of {@code DISPLAY} (the probe); never throws.
     *
     * @return the backend, or an unavailable one saying why
     */
    public static ClipboardBackend load() {
        X11Session[] session = new X11Session[1];
        Availability a = Availability.probe(() -> session[0] = X11Session.open());
        return a.isAvailable() ? new LinuxClipboardBackend(a, session[0]) : new UnavailableClipboardBackend(a);
    }

    @Override
    public Availability availability() {
        return availability;
    }

    private static long deadline(long timeoutMillis) {
        return System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    }

    @Override
    public int registerFormat(String name) {
        long atom = x.call("XInternAtom", 5000, () -> x.intern(name));
        return (int) (REGISTERED + atom);
    }

    @Override
    public String formatName(int format) {
        if (format < REGISTERED) {
            return null;
        }
        return x.call("XGetAtomName", 5000, () -> x.atomName(format - REGISTERED));
    }

    @Override
    public void write(Map<Integer, byte[]> formats, long timeoutMillis) {
        X11Session.Atoms a = x.atoms();
        Map<Long, X11Session.Served> content = new LinkedHashMap<>();
        for (Map.Entry<Integer, byte[]> e : formats.entrySet()) {
            int f = e.getKey();
            byte[] b = e.getValue();
            if (f == CF_UNICODETEXT) {
                String text = utf16(b);
                byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
                content.putIfAbsent(a.utf8String, new X11Session.Served(a.utf8String, utf8));
                content.putIfAbsent(a.textPlainUtf8, new X11Session.Served(a.textPlainUtf8, utf8));
                content.putIfAbsent(a.text, new X11Session.Served(a.utf8String, utf8));
                content.putIfAbsent(a.string, new X11Session.Served(a.string, text.getBytes(StandardCharsets.ISO_8859_1)));
            } else if (f == CF_TEXT) {
                content.putIfAbsent(a.string, new X11Session.Served(a.string, withoutNul(b)));
            } else if (f >= REGISTERED) {
                long atom = f - REGISTERED;
                content.put(atom, new X11Session.Served(atom, b));
            } else {
                throw new IpcInvalidArgumentException("clipboard", "CLIPBOARD", "write", null, "standard format " + f
                        + " has no X11 target here: on Linux write text (CF_UNICODETEXT) or registered formats");
            }
        }
        x.call("XSetSelectionOwner", timeoutMillis, () -> {
            x.own(content, deadline(timeoutMillis), "XSetSelectionOwner");
            return null;
        });
    }

    @Override
    public byte[] read(int format, long timeoutMillis) {
        X11Session.Atoms a = x.atoms();
        long[] targets;
        if (format == CF_UNICODETEXT || format == CF_TEXT) {
            targets = new long[] {a.utf8String, a.textPlainUtf8, a.string};
        } else if (format >= REGISTERED) {
            targets = new long[] {format - REGISTERED};
        } else {
            return null;
        }
        X11Session.Property p = x.call("XConvertSelection", timeoutMillis, () -> {
            long deadline = deadline(timeoutMillis);
            Map<Long, X11Session.Served> own = x.served();
            for (long t : targets) {
                if (own != null) {
                    X11Session.Served s = own.get(t);
                    if (s != null) {
                        return new X11Session.Property(s.type(), 8, s.data().length, s.data());
                    }
                    continue;
                }
                X11Session.Property got = x.convert(t, deadline, timeoutMillis, "XConvertSelection");
                if (got != null) {
                    return got;
                }
            }
            return null;
        });
        if (p == null) {
            return null;
        }
        if (format >= REGISTERED) {
            return p.bytes();
        }
        String text = p.type() == a.string ? new String(p.bytes(), StandardCharsets.ISO_8859_1)
                : new String(p.bytes(), StandardCharsets.UTF_8);
        int nul = text.indexOf('\0');
        if (nul >= 0) {
            text = text.substring(0, nul);
        }
        if (format == CF_TEXT) {
            byte[] latin = text.getBytes(StandardCharsets.ISO_8859_1);
            return java.util.Arrays.copyOf(latin, latin.length + 1);
        }
        byte[] u = text.getBytes(StandardCharsets.UTF_16LE);
        return java.util.Arrays.copyOf(u, u.length + 2);
    }

    @Override
    public int[] formats(long timeoutMillis) {
        X11Session.Atoms a = x.atoms();
        List<Long> atoms = x.call("XConvertSelection", timeoutMillis, () -> {
            Map<Long, X11Session.Served> own = x.served();
            if (own != null) {
                return new ArrayList<>(own.keySet());
            }
            X11Session.Property p = x.convert(a.targets, deadline(timeoutMillis), timeoutMillis, "XConvertSelection(TARGETS)");
            List<Long> list = new ArrayList<>();
            if (p != null && p.format() == 32) {
                java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(p.bytes()).order(java.nio.ByteOrder.nativeOrder());
                while (b.remaining() >= 8) {
                    list.add(b.getLong());
                }
            }
            return list;
        });
        List<Integer> ids = new ArrayList<>();
        for (long t : atoms) {
            int id;
            if (t == a.utf8String || t == a.textPlainUtf8 || t == a.text || t == a.textPlain || t == a.compoundText) {
                id = CF_UNICODETEXT;
            } else if (t == a.string) {
                id = ids.contains(CF_UNICODETEXT) ? CF_TEXT : CF_UNICODETEXT;
            } else if (t == a.targets || t == a.timestamp || t == a.multiple || t == a.saveTargets || t == a.delete
                    || t == a.incr) {
                continue;
            } else {
                id = (int) (REGISTERED + t);
            }
            if (!ids.contains(id)) {
                ids.add(id);
            }
            if (id == CF_UNICODETEXT && !ids.contains(CF_TEXT) && t == a.string) {
                ids.add(CF_TEXT);
            }
        }
        return ids.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public void clear(long timeoutMillis) {
        x.call("XSetSelectionOwner", timeoutMillis, () -> {
            x.own(null, deadline(timeoutMillis), "XSetSelectionOwner");
            return null;
        });
    }

    @Override
    public long sequenceNumber() {
        return x.sequence();
    }

    @Override
    public AutoCloseable watch(LongConsumer onChange, String threadName) {
        BlockingQueue<Long> queue = new LinkedBlockingQueue<>();
        Long stop = Long.MIN_VALUE;
        Thread t = new Thread(() -> {
            while (true) {
                Long n;
                try {
                    n = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (n == stop.longValue() && n.equals(stop)) {
                    return;
                }
                onChange.accept(n);
            }
        }, threadName);
        t.setDaemon(true);
        x.addWatcher(queue);
        t.start();
        return () -> {
            x.removeWatcher(queue);
            queue.add(stop);
            if (t != Thread.currentThread()) {
                t.join(10_000);
            }
        };
    }

    @Override
    public String holder() {
        return x.call("GetOpenClipboardWindow", 5000, x::describeOwner);
    }

    private static String utf16(byte[] b) {
        int end = 0;
        while (end + 1 < b.length && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return new String(b, 0, end, StandardCharsets.UTF_16LE);
    }

    private static byte[] withoutNul(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) {
            end++;
        }
        return java.util.Arrays.copyOf(b, end);
    }
}
