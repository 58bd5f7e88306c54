package org.ipctoolkit.copydata;

import org.ipctoolkit.core.IpcInvalidArgumentException;

/** The limits of window classes and titles, as the API checks them. */
final class Names {
    /** The longest class name ({@code RegisterClassEx}: 256 characters). */
    static final int MAX_CLASS = 256;
    /** The longest title this library accepts. */
    static final int MAX_TITLE = 1000;

    private Names() {
    }

    static void check(String className, String title, String operation) {
        String problem = null;
        if (className == null || className.isEmpty()) {
            problem = "the window class is empty";
        } else if (className.length() > MAX_CLASS) {
            problem = "the window class has " + className.length() + " characters, more than " + MAX_CLASS;
        } else if (title == null) {
            problem = "the title is null (use \"\" for an empty title)";
        } else if (title.length() > MAX_TITLE) {
            problem = "the title has " + title.length() + " characters, more than " + MAX_TITLE;
        } else if (className.indexOf('\0') >= 0 || title.indexOf('\0') >= 0) {
            problem = "the class or title contains a NUL character";
        }
        if (problem != null) {
            throw new IpcInvalidArgumentException(CopyDataPlatform.KIND, CopyDataPlatform.describe(className, title),
                    operation, null, problem);
        }
    }
}
