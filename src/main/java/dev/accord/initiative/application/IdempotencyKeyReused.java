package dev.accord.initiative.application;

/** The Idempotency-Key was first used with another request. */
public final class IdempotencyKeyReused extends RuntimeException {

    public IdempotencyKeyReused(String message) {
        super(message, null, false, false);
    }
}
