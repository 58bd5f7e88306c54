package org.ipctoolkit.copydata.linux;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import org.ipctoolkit.copydata.CopyDataSender;
import org.ipctoolkit.copydata.CopyDataWindow;
import org.ipctoolkit.copydata.RegisteredMessage;
import org.ipctoolkit.testkit.TestNames;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("linux-only")
class LinuxSmokeTest {
    @Test
    void smoke() throws Exception {
        String cls = TestNames.unique("c");
        RegisteredMessage m = RegisteredMessage.register("Smoke.Message");
        assertEquals(m.id(), RegisteredMessage.register("SMOKE.message").id());
        try (CopyDataWindow w = CopyDataWindow.create(cls, "T", (s, d, b) -> d + b.length)) {
            w.onMessage(m, (wp, lp) -> wp * lp);
            CopyDataSender s = CopyDataSender.find(cls, null);
            assertEquals(w.handle(), s.handle());
            assertEquals(7 + 16_000_000, s.send(7, new byte[16_000_000], Duration.ofSeconds(30)));
            long t0 = System.nanoTime();
            for (int i = 0; i < 20000; i++) {
                s.send(i, new byte[64]);
            }
            System.out.println("round trip ns: " + (System.nanoTime() - t0) / 20000);
            assertEquals(42, m.send(s, 6, 7, Duration.ofSeconds(1)));
        }
    }
}
