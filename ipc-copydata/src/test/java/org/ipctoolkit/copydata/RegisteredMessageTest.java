package org.ipctoolkit.copydata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.core.IpcInvalidArgumentException;
import org.ipctoolkit.testkit.ChildProcess;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Test;

/**
 * Registered messages across processes, on both platforms: the same name (in any case) is the same id
 * everywhere, sent messages return the listener's result, posted ones arrive, and a broadcast reaches
 * hidden top-level windows in other processes and not message-only ones. Bad names are refused.
 */
class RegisteredMessageTest {
    @Test
    void aNameHasTheSameIdInEveryProcess() {
        String name = TestNames.unique("cdmsg");
        RegisteredMessage here = RegisteredMessage.register(name);
        try (ChildProcess other = ChildProcess.startJava(CopyDataPeer.class, "register", name.toUpperCase(Locale.ROOT))) {
            assertEquals("ID " + here.id(), other.awaitLine("ID "));
        }
        assertTrue(here.id() >= 0xC000 && here.id() <= 0xFFFF, here.toString());
        assertNotEquals(here.id(), RegisteredMessage.register(name + "-other").id());
        assertEquals(name, here.name());
    }

    @Test
    void sendAndPostReachAWindowInAnotherProcess() {
        String cls = TestNames.unique("cdmsg");
        String name = TestNames.unique("cdmsg");
        RegisteredMessage m = RegisteredMessage.register(name);
        RegisteredMessage unheard = RegisteredMessage.register(name + "-unheard");
        try (ChildProcess w = ChildProcess.startJava(CopyDataPeer.class, "window", cls, "t", "message-only", name)) {
            w.awaitLine("READY ");
            CopyDataSender target = CopyDataSender.find(cls, "t");
            assertEquals(11, m.send(target, 5, 6, Duration.ofSeconds(10)));
            assertEquals("GOT 5 6", w.awaitLine("GOT "));
            assertEquals(0, unheard.send(target, 1, 1, Duration.ofSeconds(10)), "nobody listens: 0");
            m.post(target, 7, 8);
            assertEquals("GOT 7 8", w.awaitLine("GOT "));
            CopyDataCrossProcessTest.end(w);
        }
    }

    @Test
    void aBroadcastReachesHiddenTopLevelWindowsOnly() throws Exception {
        String cls = TestNames.unique("cdcast");
        String name = TestNames.unique("cdcast");
        RegisteredMessage m = RegisteredMessage.register(name);
        BlockingQueue<String> here = new LinkedBlockingQueue<>();
        try (ChildProcess top = ChildProcess.startJava(CopyDataPeer.class, "window", cls, "top", "top-level", name);
             ChildProcess hidden = ChildProcess.startJava(CopyDataPeer.class, "window", cls, "msg", "message-only", name);
             CopyDataWindow mine = CopyDataWindow.create(cls, "mine", (s, d, b) -> 0, CopyDataWindow.Options.DEFAULT.hiddenTopLevel());
             CopyDataWindow mineMessageOnly = CopyDataWindow.create(cls, "mine-mo", (s, d, b) -> 0)) {
            top.awaitLine("READY ");
            hidden.awaitLine("READY ");
            mine.onMessage(m, (w, l) -> {
                here.add("top " + w + " " + l);
                return 0;
            });
            mineMessageOnly.onMessage(m, (w, l) -> {
                here.add("message-only " + w + " " + l);
                return 0;
            });
            m.broadcast(3, 4);
            assertEquals("GOT 3 4", top.awaitLine("GOT "));
            assertEquals("top 3 4", here.poll(30, TimeUnit.SECONDS));
            // a message-only window is not reached: send it a marker afterwards and see the marker first
            m.send(CopyDataSender.find(cls, "msg"), 9, 9, Duration.ofSeconds(10));
            assertEquals("GOT 9 9", hidden.awaitLine("GOT "));
            m.send(CopyDataSender.find(cls, "mine-mo"), 9, 9, Duration.ofSeconds(10));
            assertEquals("message-only 9 9", here.poll(10, TimeUnit.SECONDS), "the broadcast did not reach it");
            CopyDataCrossProcessTest.end(top);
            CopyDataCrossProcessTest.end(hidden);
        }
    }

    @Test
    void badNamesAreRefused() {
        for (String bad : new String[] {"", "x".repeat(256), "a\0b"}) {
            IpcInvalidArgumentException e = assertThrows(IpcInvalidArgumentException.class, () -> RegisteredMessage.register(bad));
            assertTrue(e.getMessage().contains("RegisterWindowMessageW"), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> RegisteredMessage.register(null));
        assertEquals(255, RegisteredMessage.register("y".repeat(255)).name().length());
    }
}
