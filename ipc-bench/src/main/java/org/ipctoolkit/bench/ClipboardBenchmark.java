package org.ipctoolkit.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.ipctoolkit.clipboard.Clipboard;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The clipboard of ipc-clipboard (Linux backend: the X11 CLIPBOARD selection), in milliseconds per
 * operation (JMH {@link Mode#AverageTime}).
 *
 * <p>{@link #setAndRead1MB}: this JVM sets 1 MB of text and a partner process ({@link ClipboardPartner},
 * started once) reads it back whole; the twin ({@code ipc-bench/src/main/c/clipboard_twins.c}) does the
 * same with {@code xclip -i} and {@code xclip -o}, as a shell user would. Goal of issue 11: ratio at
 * least 0.67 (within 1.5x of xclip). Needs an X server in {@code DISPLAY} (scripts/bench starts Xvfb).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ClipboardBenchmark {
    /** The text and the partner that reads it. */
    @State(Scope.Thread)
    public static class Partner {
        final String[] texts = {"a".repeat(1_000_000), "b".repeat(1_000_000)};
        int next;
        Process process;
        BufferedReader answers;
        Writer requests;

        /** Starts the partner. */
        @Setup(Level.Trial)
        public void setUp() throws IOException {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    System.getProperty("java.class.path"), ClipboardPartner.class.getName()).redirectErrorStream(true).start();
            answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        /** Stops the partner. */
        @TearDown(Level.Trial)
        public void tearDown() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /**
     * Sets 1 MB of text here and has the partner read it.
     *
     * @param p the partner
     * @return the length the partner read
     */
    @Benchmark
    public int setAndRead1MB(Partner p) throws IOException {
        String text = p.texts[p.next ^= 1];
        Clipboard.system().setText(text);
        p.requests.write("read\n");
        p.requests.flush();
        String line;
        while ((line = p.answers.readLine()) != null && !line.startsWith("LENGTH ")) {
            // the partner's log lines
        }
        if (line == null || Integer.parseInt(line.substring(7)) != text.length()) {
            throw new IllegalStateException("the partner read " + line);
        }
        return text.length();
    }
}
