/**
 * The Windows backend of ipc-mailslot: Win32 mailslots through JNA. Not exported.
 */
package org.ipctoolkit.mailslot.windows;
