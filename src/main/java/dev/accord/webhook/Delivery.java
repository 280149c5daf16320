package dev.accord.webhook;

import java.time.Instant;

/**
 * One line of a subscription's delivery log: which record ({@code ceId}, also sent as
 * {@code webhook-id}), how many attempts, the last answer or error, and when it is tried next
 * or was delivered. FAILED: given up after the retry window.
 */
public record Delivery(String ceId, String type, State state, int attempts, Integer lastStatusCode,
                       String lastError, Instant nextAttemptAt, Instant deliveredAt, Instant createdAt) {

    public enum State { PENDING, DELIVERED, FAILED }
}
