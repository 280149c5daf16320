package dev.accord.projection;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the read models from the topic subscribers read, the records of one poll at a time
 * (the channel is in batch mode), in per-initiative order. A record is only a trigger: the
 * events applied are read from the event store, so a record that disagrees with the store
 * changes nothing (see {@link Projections}). A poll's records are checked and applied together
 * (see {@link Projections#project(List)}): at a steady rate most events are alone on their
 * initiative, and one transaction per event and read model was what the read side spent its
 * time on.
 * <p>
 * A record that does not say which event it is about is nacked onto the dead-letter topic on
 * its own; the other records of its poll go on. A transient failure (database away, lock
 * timeout) is retried with backoff for as long as it lasts, and the poll is not acknowledged
 * meanwhile, so its offsets are not committed: a good event never reaches the dead-letter topic
 * for want of a database. Anything else parks the initiative and the poll is acknowledged.
 */
@ApplicationScoped
public class EventProjection {

    private static final Logger LOG = Logger.getLogger(EventProjection.class);

    /** Bounds {@code max.poll.records}: the records one batch checks in one query and applies in one transaction. */
    static final int MAX_BATCH = 5000;

    @Inject
    Projections projections;

    @Inject
    ProjectionMeters meters;

    @Inject
    TransientRetry retry;

    @ConfigProperty(name = "mp.messaging.incoming.alignment-events.batch", defaultValue = "false")
    boolean batch;

    @ConfigProperty(name = "mp.messaging.incoming.alignment-events.max.poll.records", defaultValue = "500")
    int maxPollRecords;

    /** A setting out of bounds would show only as a stalled or oversized transaction: it is refused at start. */
    @PostConstruct
    void checkSettings() {
        if (!batch) {
            throw new IllegalArgumentException(
                    "mp.messaging.incoming.alignment-events.batch must be true: the projection consumes a poll at a time");
        }
        if (maxPollRecords < 1 || maxPollRecords > MAX_BATCH) {
            throw new IllegalArgumentException("mp.messaging.incoming.alignment-events.max.poll.records must be between 1"
                    + " and " + MAX_BATCH + ", not " + maxPollRecords);
        }
    }

    @Incoming("alignment-events")
    public Uni<Void> consume(KafkaRecordBatch<String, String> records) {
        meters.batch(records.getRecords().size());
        return project(records.getRecords()).chain(() -> Uni.createFrom().completionStage(records.ack()));
    }

    /** A record and what it announces. */
    private record Received(Message<?> record, Trigger trigger) {
    }

    /**
     * Projects the records of one poll. The records to be dead-lettered are nacked one by one; the
     * caller acknowledges the poll once this completes.
     */
    Uni<Void> project(List<? extends Message<?>> records) {
        List<Received> received = new ArrayList<>(records.size());
        List<Uni<Void>> deadLetters = new ArrayList<>();
        for (Message<?> record : records) {
            try {
                received.add(new Received(record, Trigger.of(record.getMetadata(IncomingKafkaRecordMetadata.class)
                        .orElseThrow(() -> new Trigger.UnreadableRecord("not a Kafka record")).getHeaders())));
            } catch (Trigger.UnreadableRecord malformed) {
                meters.deadLettered();
                LOG.warnf("Sending an unreadable record to the dead-letter topic: %s", malformed.getMessage());
                deadLetters.add(Uni.createFrom().completionStage(record.nack(malformed)));
            }
        }
        List<Trigger> triggers = received.stream().map(Received::trigger).toList();
        return join(deadLetters)
                .chain(() -> retry.untilItHolds(() -> projections.project(triggers),
                        "Projecting " + triggers.size() + " records"))
                .chain(failed -> join(received.stream().filter(one -> failed.containsKey(one.trigger()))
                        .map(one -> deadLetter(one, failed.get(one.trigger()))).toList()));
    }

    /*
     * Neither a read model refusing the event (that parks) nor the database being away (that
     * waits); holding the partition for it would stall every initiative on it, so the record goes
     * where unreadable ones go, counted.
     */
    private Uni<Void> deadLetter(Received one, Throwable failure) {
        meters.deadLettered();
        LOG.errorf(failure, "Sending the record for initiative %s at version %d to the dead-letter topic",
                one.trigger().initiativeId(), one.trigger().version());
        return Uni.createFrom().completionStage(one.record().nack(failure));
    }

    private static Uni<Void> join(List<Uni<Void>> all) {
        return all.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(all).andCollectFailures().replaceWithVoid();
    }
}
