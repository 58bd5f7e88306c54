package org.ipctoolkit.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.ipctoolkit.clipboard.Clipboard;

/** The partner of {@link ClipboardBenchmark}: for each line "read" on stdin, reads the clipboard's text and prints {@code LENGTH n}. */
public final class ClipboardPartner {
    private ClipboardPartner() {
    }

    /**
     * @param args none
     * @throws Exception if stdin fails
     */
    public static void main(String[] args) throws Exception {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            if (line.equals("read")) {
                System.out.println("LENGTH " + Clipboard.system().getText().length());
                System.out.flush();
            }
        }
        System.exit(0);
    }
}
