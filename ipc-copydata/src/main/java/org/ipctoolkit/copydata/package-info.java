/**
 * The window-message IPC of Win32: {@code WM_COPYDATA} to a hidden window found by class and title
 * ({@link org.ipctoolkit.copydata.CopyDataWindow}, {@link org.ipctoolkit.copydata.CopyDataSender}),
 * and messages registered by name ({@link org.ipctoolkit.copydata.RegisteredMessage}).
 */
package org.ipctoolkit.copydata;
