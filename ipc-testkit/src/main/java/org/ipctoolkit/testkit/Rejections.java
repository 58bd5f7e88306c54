package org.ipctoolkit.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.function.Executable;

/**
 * Checks that a call refuses its input with a message that says why: the tests of record layouts,
 * record text and the tool's arguments all expect an {@link IllegalArgumentException} naming what
 * was wrong.
 */
public final class Rejections {
    private Rejections() {
    }

    /**
     * Asserts that {@code call} throws an {@link IllegalArgumentException} whose message contains
     * every one of {@code parts}.
     *
     * @param call  the call that must refuse
     * @param parts what its message must contain
     * @return the exception, for further checks
     * @throws AssertionError if it throws nothing, something else, or a message lacking a part
     */
    public static IllegalArgumentException rejects(Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), () -> "message '" + e.getMessage() + "' lacks '" + part + "'");
        }
        return e;
    }
}
