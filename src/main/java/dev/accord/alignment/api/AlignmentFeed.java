package dev.accord.alignment.api;

import dev.accord.alignment.domain.AlignmentState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.BackPressureStrategy;
import io.smallrye.mutiny.subscription.MultiEmitter;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One subscriber's alignment states. A change only marks the feed stale; one read at a time
 * fetches the newest state, and a state the subscriber has not taken yet is replaced by a newer
 * one (the emitter keeps the latest item only). So however fast changes come and however slowly
 * the subscriber reads, it is never failed, and the last state it gets is the newest.
 *
 * <p>A state is sent when its version is above the last one sent (or named by the client's
 * {@code Last-Event-ID}), or when at the same version it differs apart from its {@code asOf}:
 * a due date passed. So a repeated announcement of a version already sent sends nothing.
 *
 * @param <E> the event that carries a state or a heartbeat to the subscriber
 */
final class AlignmentFeed<E> {

    private static final Logger LOG = Logger.getLogger(AlignmentFeed.class);

    private final Supplier<Uni<Optional<AlignmentState>>> read;
    private final Function<AlignmentState, E> toEvent;
    private final E heartbeat;

    private MultiEmitter<? super E> emitter;
    private AlignmentState last;
    private long lastVersion;
    private boolean stale;
    private boolean reading;
    private boolean ended;

    /**
     * @param read        the initiative's current state
     * @param toEvent     a state as the SSE event that carries it
     * @param heartbeat   the comment sent while nothing changes
     * @param lastEventId the version the client says it has, or null
     */
    AlignmentFeed(Supplier<Uni<Optional<AlignmentState>>> read, Function<AlignmentState, E> toEvent,
                  E heartbeat, Long lastEventId) {
        this.read = read;
        this.toEvent = toEvent;
        this.heartbeat = heartbeat;
        this.lastVersion = lastEventId == null ? -1 : lastEventId;
    }

    /** The row may have changed. Called from the listening connection: never blocks. */
    synchronized void changed() {
        stale = true;
        readIfDue();
    }

    /**
     * The events: {@code first} (read after the feed started listening, so no change falls in
     * between; empty while the initiative is not projected yet, whose first state then comes with
     * the change that projects it), then the states after each change. {@code onEnd} runs once,
     * however it ends.
     */
    Multi<E> events(Optional<AlignmentState> first, Runnable onEnd) {
        return Multi.createFrom().<E>emitter(subscriber -> {
            subscriber.onTermination(() -> {
                synchronized (this) {
                    ended = true;
                }
                onEnd.run();
            });
            synchronized (this) {
                emitter = subscriber;
                if (ended) {
                    subscriber.complete();
                    return;
                }
                first.ifPresent(this::offer);
                readIfDue();
            }
        }, BackPressureStrategy.LATEST);
    }

    /**
     * A comment when the subscriber has taken everything sent (otherwise a state is pending and
     * keeps the connection alive itself), and a retry of a read that failed.
     */
    synchronized void beat() {
        if (emitter != null && !ended && emitter.requested() > 0) {
            emitter.emit(heartbeat);
        }
        readIfDue();
    }

    /** Ends the stream normally (the client sees the end of the response and may reconnect). */
    synchronized void complete() {
        ended = true;
        if (emitter != null) {
            emitter.complete();
        }
    }

    private void readIfDue() {
        if (emitter == null || ended || reading || !stale) {
            return;
        }
        stale = false;
        reading = true;
        read.get().subscribe().with(this::received, this::readFailed);
    }

    private synchronized void received(Optional<AlignmentState> found) {
        reading = false;
        found.ifPresent(this::offer);
        readIfDue();
    }

    private synchronized void readFailed(Throwable failure) {
        reading = false;
        stale = true;
        LOG.debugf("reading the alignment for a stream failed, the next heartbeat retries: %s", failure.getMessage());
    }

    private void offer(AlignmentState state) {
        if (ended || state.version() < lastVersion) {
            return;
        }
        boolean newer = state.version() > lastVersion;
        boolean movedWithTheClock = last != null && !withoutClock(state).equals(withoutClock(last));
        if (newer || movedWithTheClock) {
            emitter.emit(toEvent.apply(state));
        }
        // At the version the client named in Last-Event-ID, the first state read stands for the
        // one the client has, so only a later difference is sent.
        last = state;
        lastVersion = state.version();
    }

    private static AlignmentState withoutClock(AlignmentState state) {
        return state.at(Instant.EPOCH);
    }
}
