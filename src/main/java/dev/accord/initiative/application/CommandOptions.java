package dev.accord.initiative.application;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a client wants one command handled: at which version (If-Match), under which
 * Idempotency-Key, and with which correlation id for tracing it across systems; {@code actor} is
 * the subject of the caller's token (null when authentication is off), recorded with the event.
 */
public record CommandOptions(OptionalLong expectedVersion, Optional<IdempotentRequest> idempotency,
                             String correlationId, String actor) {

    /** No known actor. */
    public CommandOptions(OptionalLong expectedVersion, Optional<IdempotentRequest> idempotency,
                          String correlationId) {
        this(expectedVersion, idempotency, correlationId, null);
    }

    public CommandOptions withActor(String subject) {
        return new CommandOptions(expectedVersion, idempotency, correlationId, subject);
    }

    /** A keyed request; the fingerprint tells a true retry from a different request under a reused key. */
    public record IdempotentRequest(String key, String fingerprint) {
    }
}
