package dev.accord.alignment.api;

import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.readmodel.AlignmentQueries;
import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.http.Unavailable;
import dev.accord.readmodel.RowChanges;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open alignment streams of this replica: at most {@code accord.sse.max-streams} at once
 * (each holds a connection and a listener), a heartbeat comment on each every
 * {@code accord.sse.heartbeat} so proxies keep idle ones open, and all ended cleanly when
 * Accord stops.
 */
@ApplicationScoped
public class AlignmentStreams {

    private static final Duration FIRST_STATE_WAIT = Duration.ofSeconds(10);
    private static final Duration RETRY = Duration.ofSeconds(5);

    @Inject
    AlignmentQueries queries;

    @Inject
    AlignmentViews views;

    @Inject
    RowChanges changes;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "accord.sse.heartbeat", defaultValue = "15s")
    Duration heartbeat;

    @ConfigProperty(name = "accord.sse.max-streams", defaultValue = "1000")
    int maxStreams;

    private final Set<AlignmentFeed<OutboundSseEvent>> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger streams = new AtomicInteger();
    private volatile boolean stopping;
    private volatile long timer = -1;

    void start(@Observes StartupEvent started, MeterRegistry meters) {
        Gauge.builder("accord.sse.streams", streams, AtomicInteger::get)
                .description("Alignment streams open on this replica")
                .register(meters);
        timer = vertx.setPeriodic(heartbeat.toMillis(), id -> open.forEach(AlignmentFeed::beat));
    }

    /**
     * Ends every stream as Accord begins to stop, before the HTTP server closes its connections,
     * so each client sees its response end normally (and reconnects) rather than a broken one,
     * and a graceful shutdown does not wait on streams that never end on their own.
     */
    void beginStopping(@Observes ShutdownDelayInitiatedEvent notice) {
        endAll();
    }

    /** The same, where the early notice is not given (shutdown delay not enabled in the build). */
    void stop(@Observes ShutdownEvent event) {
        endAll();
    }

    private void endAll() {
        stopping = true;
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
        open.forEach(AlignmentFeed::complete);
    }

    /**
     * Opens a stream of the initiative's states. Blocks until the first state is read, so an
     * unknown initiative fails here (a plain 404) rather than in a stream already started.
     */
    public Multi<OutboundSseEvent> open(UUID initiativeId, Long lastEventId, Sse sse) {
        if (stopping) {
            throw new Unavailable("Accord is stopping; reconnect to another replica or retry shortly", RETRY);
        }
        if (streams.incrementAndGet() > maxStreams) {
            streams.decrementAndGet();
            throw new Unavailable("too many alignment streams are open (at most " + maxStreams
                    + " on this replica); retry shortly", RETRY);
        }
        AlignmentFeed<OutboundSseEvent> feed = new AlignmentFeed<>(() -> queries.current(initiativeId),
                state -> event(sse, state), sse.newEventBuilder().comment("heartbeat").build(), lastEventId);
        // Listen before reading, so a change between the read and the first send is not lost.
        RowChanges.Listening listening = changes.listen(views, initiativeId, feed::changed);
        AtomicBoolean closed = new AtomicBoolean();
        Runnable close = () -> {
            if (closed.compareAndSet(false, true)) {
                listening.close();
                open.remove(feed);
                streams.decrementAndGet();
            }
        };
        Optional<AlignmentState> first;
        try {
            first = queries.currentOfRecorded(initiativeId)
                    .ifNoItem().after(FIRST_STATE_WAIT).failWith(() -> new Unavailable("the alignment of initiative "
                            + initiativeId + " cannot be read now; retry shortly", RETRY))
                    .await().indefinitely();
        } catch (RuntimeException failed) {
            close.run();
            throw failed;
        }
        open.add(feed);
        Multi<OutboundSseEvent> events = feed.events(first, close);
        if (stopping) {
            feed.complete();
        }
        return events;
    }

    private static OutboundSseEvent event(Sse sse, AlignmentState state) {
        return sse.newEventBuilder()
                .id(Long.toString(state.version()))
                .data(AlignmentState.class, state)
                .build();
    }
}
