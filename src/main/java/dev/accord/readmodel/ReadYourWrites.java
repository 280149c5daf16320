package dev.accord.readmodel;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * {@code minVersion=N} on a read: wait until the read model has applied version N, at most
 * {@link #MAX_WAIT}, then give up with {@link NotReadableYet}. The wait is woken by the row's
 * change notifications ({@link RowChanges}), which come from the database whichever replica's
 * projection applied the event, and reads the row only when one announces version N or later;
 * those below it cost nothing. Since a notification can be lost (the listening connection
 * dropped), the rows waited for are also looked at again every
 * {@code accord.read-your-writes.recheck}, all of one read model in one statement
 * ({@link AwaitedVersions}), and at once when a notification names no version. A version
 * the store has not recorded may never come, so it is refused at once with
 * {@link VersionNotRecorded} rather than waited for.
 */
@ApplicationScoped
public class ReadYourWrites {

    public static final Duration MAX_WAIT = Duration.ofSeconds(5);

    @Inject
    ReadModelRows rows;

    @Inject
    RowChanges changes;

    @Inject
    AwaitedVersions awaited;

    @Inject
    Vertx vertx;

    /**
     * @param latestRecorded the version of the initiative's latest recorded event (0 when none)
     * @return the row once at {@code minVersion} or later; as read when the initiative has no
     *         recorded event (the caller answers 404)
     */
    public <R> Uni<Optional<R>> await(ReadModel<R> model, UUID initiativeId, long minVersion,
                                      Supplier<Uni<Long>> latestRecorded) {
        return rows.find(model, initiativeId).chain(found -> {
            if (reached(model, found, minVersion)) {
                return Uni.createFrom().item(found);
            }
            return recorded(minVersion, latestRecorded.get()).chain(latest -> latest == 0
                    ? Uni.createFrom().item(found)
                    : Uni.createFrom().emitter(emitter -> new Waiting<>(model, initiativeId, minVersion, emitter)));
        });
    }

    /**
     * The latest recorded version, once {@code minVersion} is known to be within it; fails with
     * {@link VersionNotRecorded} when it is beyond (and the initiative exists).
     */
    public static Uni<Long> recorded(long minVersion, Uni<Long> latestRecorded) {
        return latestRecorded.map(latest -> {
            if (latest > 0 && minVersion > latest) {
                throw new VersionNotRecorded(minVersion, latest);
            }
            return latest;
        });
    }

    private static <R> boolean reached(ReadModel<R> model, Optional<R> found, long minVersion) {
        return found.isPresent() && model.version(found.get()) >= minVersion;
    }

    /**
     * One read waiting for its version: an announcement of that version or a later one, or a
     * re-check that finds it, reads the row (one read at a time; a wake-up during a read asks for
     * another), until it is reached or time is up.
     */
    private final class Waiting<R> implements AwaitedVersions.Awaiting {

        private final ReadModel<R> model;
        private final UUID initiativeId;
        private final long minVersion;
        private final UniEmitter<? super Optional<R>> emitter;
        private final RowChanges.Listening listening;
        private final AwaitedVersions.Registration rechecked;
        private final long deadlineTimer;
        private final OneAtATime reads = new OneAtATime(this::read);
        private boolean started;
        private boolean done;

        Waiting(ReadModel<R> model, UUID initiativeId, long minVersion, UniEmitter<? super Optional<R>> emitter) {
            this.model = model;
            this.initiativeId = initiativeId;
            this.minVersion = minVersion;
            this.emitter = emitter;
            this.deadlineTimer = vertx.setTimer(MAX_WAIT.toMillis(), id -> end(null, new NotReadableYet(
                    "version " + minVersion + " is not readable yet; retry shortly", Duration.ofSeconds(1))));
            // listen before reading again, so a change since the first read is not missed; one
            // told before this read is started is ignored, as this read comes after it
            this.listening = changes.listen(model, initiativeId, this::changed);
            this.rechecked = awaited.add(this);
            emitter.onTermination(this::close);
            synchronized (this) {
                started = true;
            }
            look();
        }

        @Override
        public ReadModel<?> model() {
            return model;
        }

        @Override
        public UUID initiativeId() {
            return initiativeId;
        }

        @Override
        public long minVersion() {
            return minVersion;
        }

        @Override
        public void versionSeen() {
            look();
        }

        /** An announcement of the row: below the version waited for it changes nothing. */
        private void changed(OptionalLong version) {
            if (version.isEmpty()) {
                awaited.recheckSoon();
            } else if (version.getAsLong() >= minVersion) {
                look();
            }
        }

        private void look() {
            synchronized (this) {
                if (!started) {
                    return;
                }
            }
            reads.ask();
        }

        private void read() {
            synchronized (this) {
                if (done) {
                    return;
                }
            }
            rows.find(model, initiativeId).subscribe().with(found -> {
                if (reached(model, found, minVersion)) {
                    end(found, null);
                } else {
                    reads.done();
                }
            }, failure -> end(null, failure));
        }

        private void end(Optional<R> found, Throwable failure) {
            if (!close()) {
                return;
            }
            if (failure == null) {
                emitter.complete(found);
            } else {
                emitter.fail(failure);
            }
        }

        /** Stops listening and waiting, once; false when it was done already. */
        private boolean close() {
            synchronized (this) {
                if (done) {
                    return false;
                }
                done = true;
            }
            listening.close();
            rechecked.close();
            vertx.cancelTimer(deadlineTimer);
            return true;
        }
    }
}
