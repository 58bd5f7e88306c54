package org.ipctoolkit.clipboard.linux;

/**
 * Offsets of the {@code XEvent} fields the backend reads, for LP64 (every X event begins with
 * {@code int type; unsigned long serial; Bool send_event; Display *display;}, so the event's own
 * fields start at 32). An {@code XEvent} is 24 longs (192 bytes).
 */
final class XEvents {
    static final int SIZE = 192;

    static final int PROPERTY_NOTIFY = 28;
    static final int SELECTION_CLEAR = 29;
    static final int SELECTION_REQUEST = 30;
    static final int SELECTION_NOTIFY = 31;

    static final int TYPE = 0;
    static final int SEND_EVENT = 16;
    static final int DISPLAY = 24;

    /** {@code XSelectionRequestEvent}: owner, requestor, selection, target, property, time. */
    static final int REQUEST_OWNER = 32;
    static final int REQUEST_REQUESTOR = 40;
    static final int REQUEST_SELECTION = 48;
    static final int REQUEST_TARGET = 56;
    static final int REQUEST_PROPERTY = 64;
    static final int REQUEST_TIME = 72;

    /** {@code XSelectionEvent} (SelectionNotify): requestor, selection, target, property, time. */
    static final int NOTIFY_REQUESTOR = 32;
    static final int NOTIFY_SELECTION = 40;
    static final int NOTIFY_TARGET = 48;
    static final int NOTIFY_PROPERTY = 56;
    static final int NOTIFY_TIME = 64;

    /** {@code XSelectionClearEvent}: window, selection, time. */
    static final int CLEAR_WINDOW = 32;
    static final int CLEAR_SELECTION = 40;

    /** {@code XPropertyEvent}: window, atom, time, state. */
    static final int PROPERTY_WINDOW = 32;
    static final int PROPERTY_ATOM = 40;
    static final int PROPERTY_TIME = 48;
    static final int PROPERTY_STATE = 56;

    /** {@code XFixesSelectionNotifyEvent}: window, subtype, owner, selection, timestamp. */
    static final int FIXES_OWNER = 48;
    static final int FIXES_SELECTION = 56;

    /** {@code XErrorEvent}: type, display, resourceid, serial, error_code (unsigned char), request_code, minor_code. */
    static final int ERROR_RESOURCE = 16;
    static final int ERROR_CODE = 32;
    static final int ERROR_REQUEST = 33;

    private XEvents() {
    }
}
