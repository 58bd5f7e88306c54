/** The Linux backend of ipc-clipboard. Not exported. */
package org.ipctoolkit.clipboard.linux;
