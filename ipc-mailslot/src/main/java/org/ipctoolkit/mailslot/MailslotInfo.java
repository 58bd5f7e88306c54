package org.ipctoolkit.mailslot;

import java.time.Duration;
import java.util.OptionalInt;

/**
 * What {@link MailslotServer#info()} reports ({@code GetMailslotInfo}).
 *
 * @param maxMessageSize    the largest message the mailslot accepts, in bytes, as given at creation
 *                          ({@link MailslotServer#ANY_SIZE} for any size)
 * @param nextMessageSize   the size of the next message in bytes, or empty if none waits
 *                          ({@code MAILSLOT_NO_MESSAGE})
 * @param messageCount      how many messages wait
 * @param readTimeout       how long a read waits ({@link MailslotServer#WAIT_FOREVER} for ever)
 */
public record MailslotInfo(int maxMessageSize, OptionalInt nextMessageSize, int messageCount, Duration readTimeout) {
}
