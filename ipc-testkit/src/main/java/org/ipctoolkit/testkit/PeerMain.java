package org.ipctoolkit.testkit;

/**
 * The {@code main} of a test's peer process: runs its body, and on any failure prints
 * {@code FAILED <throwable>} and the stack trace on standard output (where {@link ChildProcess}
 * collects it for the test's message) and exits with code 1; otherwise exits with code 0, whatever
 * threads the body left running.
 */
public final class PeerMain {
    /** A peer's body. */
    @FunctionalInterface
    public interface Body {
        /**
         * @param args the peer's arguments
         * @throws Exception anything: reported as {@code FAILED}
         */
        void run(String[] args) throws Exception;
    }

    private PeerMain() {
    }

    /**
     * Runs {@code body} and exits.
     *
     * @param args the arguments of {@code main}
     * @param body what the peer does
     */
    public static void run(String[] args, Body body) {
        try {
            body.run(args);
        } catch (Throwable t) {
            System.out.println("FAILED " + t);
            t.printStackTrace(System.out);
            System.exit(1);
        }
        System.exit(0);
    }
}
