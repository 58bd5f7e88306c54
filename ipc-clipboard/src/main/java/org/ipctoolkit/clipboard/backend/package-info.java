/** The service provider interface between the clipboard API and its platform backends. Not exported. */
package org.ipctoolkit.clipboard.backend;
