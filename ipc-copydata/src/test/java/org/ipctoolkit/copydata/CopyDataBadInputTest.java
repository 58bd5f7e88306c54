package org.ipctoolkit.copydata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.ipctoolkit.core.IpcException;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.core.IpcNotFoundException;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Bad input, on both platforms: each is refused with an exception that names the window and the
 * operation, before anything is created or sent, and the window in use keeps working.
 */
class CopyDataBadInputTest {
    private static <T extends IpcException> T refused(Class<T> type, String operation, org.junit.jupiter.api.function.Executable call) {
        T e = assertThrows(type, call);
        assertTrue(e.getMessage().contains(operation), "names the operation " + operation + ": " + e.getMessage());
        assertEquals("window", e.objectKind(), e.getMessage());
        return e;
    }

    @Test
    void classesAndTitlesOutsideTheLimitsAreRefused() {
        CopyDataWindow.Handler h = (s, d, b) -> 0;
        refused(IpcInvalidArgumentException.class, "create", () -> CopyDataWindow.create("", "t", h));
        refused(IpcInvalidArgumentException.class, "create", () -> CopyDataWindow.create(null, "t", h));
        refused(IpcInvalidArgumentException.class, "create", () -> CopyDataWindow.create("c".repeat(257), "t", h));
        refused(IpcInvalidArgumentException.class, "create", () -> CopyDataWindow.create("c", "t".repeat(1001), h));
        refused(IpcInvalidArgumentException.class, "create", () -> CopyDataWindow.create("c\0d", "t", h));
        refused(IpcInvalidArgumentException.class, "create", () -> CopyDataWindow.create("c", null, h));
        refused(IpcInvalidArgumentException.class, "find", () -> CopyDataSender.find(null, null));
        refused(IpcInvalidArgumentException.class, "find", () -> CopyDataSender.find("c".repeat(257), null));
        assertThrows(NullPointerException.class, () -> CopyDataWindow.create("c", "t", null));
    }

    @Test
    void aWindowNobodyMadeIsNotFound() {
        String cls = TestNames.unique("cdbad");
        IpcNotFoundException e = refused(IpcNotFoundException.class, "FindWindowExW", () -> CopyDataSender.find(cls, "none"));
        assertTrue(e.getMessage().contains(cls), e.getMessage());
        refused(IpcNotFoundException.class, "FindWindowExW", () -> CopyDataSender.find(null, TestNames.unique("cdbad")));
    }

    @Test
    void oversizedPayloadsAndBadTimeoutsSendNothing() {
        String cls = TestNames.unique("cdbad");
        int[] calls = {0};
        try (CopyDataWindow w = CopyDataWindow.create(cls, "", (s, d, b) -> ++calls[0])) {
            CopyDataSender sender = CopyDataSender.find(cls, "");
            byte[] tooBig = new byte[CopyDataSender.MAXIMUM_PAYLOAD + 1];
            IpcInvalidArgumentException e = refused(IpcInvalidArgumentException.class, "send", () -> sender.send(0, tooBig));
            assertTrue(e.getMessage().contains("nothing was sent"), e.getMessage());
            for (Duration bad : new Duration[] {Duration.ZERO, Duration.ofMillis(-1), Duration.ofDays(30)}) {
                refused(IpcInvalidArgumentException.class, "send", () -> sender.send(0, new byte[1], bad));
            }
            assertThrows(NullPointerException.class, () -> sender.send(0, null));
            assertEquals(1, sender.send(0, new byte[1]), "nothing reached the window before; it works");
        }
    }
}
