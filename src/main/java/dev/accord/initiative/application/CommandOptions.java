package dev.accord.initiative.application;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * How a client wants one command handled: at which version (If-Match), under which
 * Idempotency-Key, and with which correlation id for tracing it across systems.
 */
public record CommandOptions(OptionalLong expectedVersion, Optional<IdempotentRequest> idempotency,
                             String correlationId) {

    /** A keyed request; the fingerprint tells a true retry from a different request under a reused key. */
    public record IdempotentRequest(String key, String fingerprint) {
    }
}
