package dev.accord.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A webhook subscription as an admin reads it: never its secret. A DISABLED one says when and
 * why: the failure of the delivery that was retried for the whole retry window.
 */
public record Subscription(UUID id, String url, List<String> types, UUID initiativeId, Status status,
                           Instant createdAt, Instant disabledAt, String failure) {

    public enum Status { ACTIVE, DISABLED }

    /** The answer to a subscription's creation: the one time its secret is shown. */
    public record Created(UUID id, String url, List<String> types, UUID initiativeId, Status status,
                          Instant createdAt, String secret) {
    }
}
