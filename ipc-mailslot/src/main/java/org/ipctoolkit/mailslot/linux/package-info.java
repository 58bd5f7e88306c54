/**
 * The Linux backend of ipc-mailslot. Not exported.
 */
package org.ipctoolkit.mailslot.linux;
