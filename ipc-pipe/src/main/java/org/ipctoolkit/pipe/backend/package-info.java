/** The service provider interface between the named-pipe API and its platform backends. Not exported. */
package org.ipctoolkit.pipe.backend;
