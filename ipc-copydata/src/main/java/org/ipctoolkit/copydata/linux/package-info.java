/** The Linux backend of ipc-copydata. Not exported. */
package org.ipctoolkit.copydata.linux;
