/** The Windows backend of ipc-copydata. Not exported. */
package org.ipctoolkit.copydata.windows;
