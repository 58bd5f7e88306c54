/**
 * Mailslots, the one-way message boxes of Win32: {@link org.ipctoolkit.mailslot.MailslotServer}
 * (the reader, {@code CreateMailslotW}) and {@link org.ipctoolkit.mailslot.MailslotClient} (the
 * writers, {@code CreateFileW} + {@code WriteFile}), with names checked by
 * {@link org.ipctoolkit.mailslot.MailslotName}.
 */
package org.ipctoolkit.mailslot;
