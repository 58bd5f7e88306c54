package org.ipctoolkit.core;

import static org.junit.jupiter.api.Assertions.*;

import org.ipctoolkit.core.linux.Namespace;
import org.ipctoolkit.core.windows.WindowsProbe;
import org.junit.jupiter.api.Test;

/** The backend probes: runs on both platforms, each probing its own. */
class AvailabilityTest {

    @Test
    void aProbeThatThrowsMakesTheBackendUnavailableWithItsCause() {
        Availability a = Availability.probe(() -> {
            throw new UnsatisfiedLinkError("no libc here");
        });
        assertFalse(a.isAvailable());
        assertInstanceOf(UnsatisfiedLinkError.class, a.unavailabilityCause());
        IpcException e = assertThrows(IpcException.class, () -> a.ensureAvailable("mutex", "M", "create"));
        assertEquals("create failed for mutex \"M\": the backend is not available on this machine: no libc here",
                e.getMessage());
        assertSame(a.unavailabilityCause(), e.getCause());
    }

    @Test
    void aProbeThatReturnsMakesTheBackendAvailable() {
        Availability a = Availability.probe(() -> { });
        assertTrue(a.isAvailable());
        assertNull(a.unavailabilityCause());
        a.ensureAvailable("mutex", "M", "create");
    }

    @Test
    void thisPlatformsRealProbeSucceeds() {
        Availability a = Platform.current().isWindows() ? WindowsProbe.probeFileMapping()
                : Namespace.SHARED_MEMORY.availability();
        assertTrue(a.isAvailable(), String.valueOf(a.unavailabilityCause()));
    }
}
