package org.ipctoolkit.clipboard;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void smoke() throws Exception {
        assertTrue(Clipboard.isAvailable(), String.valueOf(Clipboard.unavailabilityCause()));
        Clipboard c = Clipboard.system();
        long s0 = c.sequenceNumber();
        c.setText("héllo 中文 😀");
        assertEquals("héllo 中文 😀", c.getText());
        System.out.println("seq " + s0 + " -> " + c.sequenceNumber() + " formats " + c.availableFormats() + " holder " + c.holder());
        Process p = new ProcessBuilder("xclip", "-selection", "clipboard", "-o").start();
        String out = new String(p.getInputStream().readAllBytes(), "UTF-8");
        assertEquals("héllo 中文 😀", out);
        ClipboardFormat f = c.registerFormat("IpcToolkitSmoke");
        c.write(ClipboardContent.builder().bytes(f, new byte[] {1, 2, 3}).text("x").build());
        Process q = new ProcessBuilder("xclip", "-selection", "clipboard", "-o", "-t", "IpcToolkitSmoke").start();
        assertArrayEquals(new byte[] {1, 2, 3}, q.getInputStream().readAllBytes());
        Process r = new ProcessBuilder("sh", "-c", "printf 'from xclip' | xclip -selection clipboard -i").start();
        r.waitFor();
        Thread.sleep(300);
        System.out.println("after xclip: holder " + c.holder() + " formats " + c.availableFormats() + " text " + c.readText());
        assertEquals("from xclip", c.getText());
        System.out.println("formats " + c.availableFormats() + " holder " + c.holder() + " seq " + c.sequenceNumber());
        byte[] big = new byte[10_000_000];
        java.util.Arrays.fill(big, (byte) 'a');
        java.nio.file.Files.write(java.nio.file.Path.of("/tmp/big.txt"), big);
        Process s = new ProcessBuilder("sh", "-c", "xclip -selection clipboard -i < /tmp/big.txt").start();
        s.waitFor();
        Thread.sleep(300);
        long t0 = System.nanoTime();
        assertEquals(10_000_000, c.getText().length());
        System.out.println("10 MB INCR read ms " + (System.nanoTime() - t0) / 1_000_000);
        c.setText("b".repeat(10_000_000));
        Process u = new ProcessBuilder("sh", "-c", "xclip -selection clipboard -o | wc -c").start();
        System.out.println("xclip read " + new String(u.getInputStream().readAllBytes()).trim());
        c.clear();
        assertEquals("", c.getText());
        assertTrue(c.availableFormats().isEmpty());
    }
}
