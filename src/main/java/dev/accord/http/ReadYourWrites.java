package dev.accord.http;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * {@code minVersion=N} on a read: wait until the read model has applied version N, at most
 * five seconds, then answer 503 with Retry-After. Polling the read model (rather than waiting
 * for an in-process signal) works whichever replica's projection applies the event. A version
 * the store has not recorded may never come, so it is answered at once with 400 rather than
 * waited for.
 */
public final class ReadYourWrites {

    public static final Duration MAX_WAIT = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(25);

    private ReadYourWrites() {
    }

    /**
     * @param read     the read model's row
     * @param latestRecorded the version of the initiative's latest recorded event (0 when none)
     * @return the row once at {@code minVersion} or later; as read when the initiative has no
     *         recorded event (the caller answers 404)
     */
    public static <T> Uni<Optional<T>> await(Supplier<Uni<Optional<T>>> read, ToLongFunction<T> version,
                                             long minVersion, Supplier<Uni<Long>> latestRecorded) {
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        return read.get().chain(found -> {
            if (reached(found, version, minVersion)) {
                return Uni.createFrom().item(found);
            }
            return recorded(minVersion, latestRecorded.get()).chain(latest -> latest == 0
                    ? Uni.createFrom().item(found)
                    : poll(read, version, minVersion, deadline));
        });
    }

    /**
     * The latest recorded version, once {@code minVersion} is known to be within it; fails with
     * 400 naming {@code minVersion} when it is beyond (and the initiative exists).
     */
    public static Uni<Long> recorded(long minVersion, Uni<Long> latestRecorded) {
        return latestRecorded.map(latest -> {
            if (latest > 0 && minVersion > latest) {
                throw new BadRequest("minVersion", "minVersion " + minVersion
                        + " is beyond the initiative's latest recorded version, " + latest);
            }
            return latest;
        });
    }

    private static <T> boolean reached(Optional<T> found, ToLongFunction<T> version, long minVersion) {
        return found.isPresent() && version.applyAsLong(found.get()) >= minVersion;
    }

    private static <T> Uni<Optional<T>> poll(Supplier<Uni<Optional<T>>> read, ToLongFunction<T> version,
                                             long minVersion, long deadline) {
        return read.get().chain(found -> {
            if (reached(found, version, minVersion)) {
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
}
