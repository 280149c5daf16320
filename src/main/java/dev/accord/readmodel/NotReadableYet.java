package dev.accord.readmodel;

import java.time.Duration;

/**
 * The read model has not applied what the reader asks for yet (a version it waited for in vain,
 * an initiative recorded but not projected): worth asking again after {@link #retryAfter()}.
 */
public final class NotReadableYet extends RuntimeException {

    private final Duration retryAfter;

    public NotReadableYet(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
