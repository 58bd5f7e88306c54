package org.ipctoolkit.copydata.linux;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.nio.channels.ServerSocketChannel;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.copydata.backend.CopyDataBackends;
import org.ipctoolkit.copydata.backend.TargetBackend;
import org.ipctoolkit.copydata.backend.UnavailableCopyDataBackends;
import org.ipctoolkit.copydata.backend.WindowBackend;
import org.ipctoolkit.copydata.backend.WindowCallbacks;
import org.ipctoolkit.core.Availability;
import org.ipctoolkit.core.linux.Namespace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Linux backend of ipc-copydata: see the package description. */
public final class LinuxCopyDataBackends implements CopyDataBackends {
    static final String KIND = "window";
    private static final Logger LOG = LoggerFactory.getLogger(LinuxCopyDataBackends.class);

    private final Availability availability;

    private LinuxCopyDataBackends(Availability availability) {
        this.availability = availability;
    }

    /**
     * Runs the backend's probe (the directory {@code /dev/shm/ipc-toolkit-windows-EUID} is usable, and
     * the JDK opens Unix domain sockets); never throws.
     *
     * @return the backend
     */
    public static CopyDataBackends load() {
        Availability a = Namespace.WINDOWS.availability();
        if (a.isAvailable()) {
            a = Availability.probe(() -> {
                try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                    LOG.trace("Unix domain sockets work: {}", s);
                } catch (IOException | UnsupportedOperationException e) {
                    throw new IllegalStateException("this JDK cannot open a Unix domain socket: " + e, e);
                }
            });
        }
        return a.isAvailable() ? new LinuxCopyDataBackends(a) : new UnavailableCopyDataBackends(a);
    }


    @Override
    public Availability availability() {
        return availability;
    }

    @Override
    public WindowBackend createWindow(String className, String title, boolean messageOnly, boolean allowLowerIntegrity,
                                      String threadName, WindowCallbacks callbacks) {
        // allowLowerIntegrity has no Linux meaning: the directory is this user's alone (0700)
        return LinuxWindow.create(className, title, messageOnly, threadName, callbacks, CopyDataBackends.describe(className, title));
    }

    @Override
    public TargetBackend find(String className, String title) {
        return LinuxTarget.find(className, title, CopyDataBackends.describe(className, title));
    }

    @Override
    public int registerMessage(String name) {
        return MessageRegistry.register(name);
    }

    @Override
    public void broadcast(int message, long wParam, long lParam) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (WindowFiles.Entry e : WindowFiles.list(null, null, true)) {
            try (Connection c = Connection.open(e.path(), deadline)) {
                Frames.putRequest(c.header, Frames.KIND_POST, message, 0, wParam, lParam);
                c.writeHeader(deadline);
            } catch (Connection.RefusedException refused) {
                WindowFiles.removeStale(e);
            } catch (IOException skipped) {
                // as PostMessage(HWND_BROADCAST) does with a window whose queue is full: it goes without
                LOG.debug("broadcast of 0x{} skipped the window {}: {}", Integer.toHexString(message),
                        Long.toHexString(e.handle()), skipped.toString());
            }
        }
    }
}
