/** The service provider interface between the copydata API and its platform backends. Not exported. */
package org.ipctoolkit.copydata.backend;
