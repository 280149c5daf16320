package dev.accord.http;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@code minVersion=N} on a read: wait until the read model has applied version N, at most
 * five seconds, then answer 503 with Retry-After. Polling the read model (rather than waiting
 * for an in-process signal) works whichever replica's projection applies the event.
 */
public final class ReadYourWrites {

    public static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(25);

    private ReadYourWrites() {
    }

    public static <T> Uni<Optional<T>> await(Supplier<Uni<Optional<T>>> read, ToLongFunction<T> version,
                                             long minVersion) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        return poll(read, version, minVersion, deadline);
    }

    private static <T> Uni<Optional<T>> poll(Supplier<Uni<Optional<T>>> read, ToLongFunction<T> version,
                                             long minVersion, long deadline) {
        return read.get().chain(found -> {
            if (found.isPresent() && version.applyAsLong(found.get()) >= minVersion) {
                return Uni.createFrom().item(found);
            }
            if (System.nanoTime() >= deadline) {
                return Uni.createFrom().failure(new Unavailable("version " + minVersion
                        + " is not readable yet; retry shortly", Duration.ofSeconds(1)));
            }
            return Uni.createFrom().voidItem().onItem().delayIt().by(POLL)
                    .chain(() -> poll(read, version, minVersion, deadline));
        });
    }

    public static Long parseMinVersion(String value) {
        if (value == null) {
            return null;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed < 0) {
                throw new BadRequest("minVersion must be zero or more");
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new BadRequest("minVersion must be a whole number");
        }
    }
}
