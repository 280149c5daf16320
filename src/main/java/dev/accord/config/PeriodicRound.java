package dev.accord.config;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A measurement a replica takes every interval on a Vert.x timer (the projection lag, the
 * dead-letter count): never two rounds at once, so a slow dependency cannot pile rounds up, and a
 * round that fails is logged at debug level and left to the next one.
 */
public final class PeriodicRound {

    private final String what;
    private final Logger log;
    private final Supplier<Uni<?>> round;
    private final AtomicBoolean running = new AtomicBoolean();
    private long timer = -1;

    /** {@code what} names the round in the log, e.g. "measuring the projection lag". */
    public PeriodicRound(String what, Logger log, Supplier<Uni<?>> round) {
        this.what = what;
        this.log = log;
        this.round = round;
    }

    public void start(Vertx vertx, Duration interval) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> run());
    }

    public void stop(Vertx vertx) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Runs a round now, unless one is running. */
    public void run() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        Uni.createFrom().deferred(round).eventually(() -> running.set(false)).subscribe().with(
                done -> { },
                failure -> log.debugf("%s failed, the next round retries: %s", what, failure.getMessage()));
    }
}
