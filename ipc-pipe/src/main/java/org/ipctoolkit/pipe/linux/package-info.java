/** The Linux backend of ipc-pipe. Not exported. */
package org.ipctoolkit.pipe.linux;
