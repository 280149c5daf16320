package dev.accord.http;

import java.time.Duration;

/** The answer is not available yet (the read model lags, a dependency is down). Answered 503. */
public final class Unavailable extends RuntimeException {

    private final Duration retryAfter;

    public Unavailable(String message, Duration retryAfter) {
        super(message, null, false, false);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
