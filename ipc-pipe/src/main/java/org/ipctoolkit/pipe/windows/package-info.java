/** The Windows backend of ipc-pipe. Not exported. */
package org.ipctoolkit.pipe.windows;
