package dev.accord.projection;

import java.time.Instant;
import java.util.UUID;

/**
 * An initiative one read model stopped applying: the event it failed on and why, and the latest
 * version that has arrived since and waits behind it.
 */
public record Parked(String projection, UUID initiativeId, long version, UUID eventId, String type, String error,
                     Instant parkedAt, long latestWaiting) {
}
