/** The Windows backend of ipc-clipboard. Not exported. */
package org.ipctoolkit.clipboard.windows;
