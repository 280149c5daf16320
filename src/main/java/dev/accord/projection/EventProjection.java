package dev.accord.projection;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Feeds the read models from the topic subscribers read, one record at a time in per-initiative
 * order. A record is only a trigger: the events applied are read from the event store, so a
 * record that disagrees with the store changes nothing (see {@link Projections}).
 * <p>
 * A record that does not say which event it is about is nacked onto the dead-letter topic. A
 * transient failure (database away, lock timeout) is retried with backoff for as long as it
 * lasts, and the record is not acknowledged meanwhile, so its offset is not committed: a good
 * event never reaches the dead-letter topic for want of a database. Anything else parks the
 * initiative and the record is acknowledged.
 */
@ApplicationScoped
public class EventProjection {

    private static final Logger LOG = Logger.getLogger(EventProjection.class);

    @Inject
    Projections projections;

    @Inject
    ProjectionMeters meters;

    @Inject
    TransientRetry retry;

    @Incoming("alignment-events")
    public Uni<Void> consume(Message<String> message) {
        Trigger trigger;
        try {
            trigger = Trigger.of(message.getMetadata(IncomingKafkaRecordMetadata.class)
                    .orElseThrow(() -> new Trigger.UnreadableRecord("not a Kafka record")).getHeaders());
        } catch (Trigger.UnreadableRecord malformed) {
            meters.deadLettered();
            LOG.warnf("Sending an unreadable record to the dead-letter topic: %s", malformed.getMessage());
            return Uni.createFrom().completionStage(message.nack(malformed));
        }
        return retry.untilItHolds(() -> projections.project(trigger),
                        "Projecting initiative " + trigger.initiativeId() + " at version " + trigger.version())
                .onItemOrFailure().transformToUni((outcome, failure) -> {
                    if (failure == null) {
                        return Uni.createFrom().completionStage(message.ack());
                    }
                    // Neither a read model refusing the event (that parks) nor the database being
                    // away (that waits); holding the partition for it would stall every
                    // initiative on it, so the record goes where unreadable ones go, counted.
                    meters.deadLettered();
                    LOG.errorf(failure, "Sending the record for initiative %s at version %d to the dead-letter topic",
                            trigger.initiativeId(), trigger.version());
                    return Uni.createFrom().completionStage(message.nack(failure));
                });
    }
}
