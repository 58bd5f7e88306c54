/**
 * The service provider interface between the mailslot API and its platform backends. Not exported.
 */
package org.ipctoolkit.mailslot.backend;
