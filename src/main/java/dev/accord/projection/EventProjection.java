package dev.accord.projection;

import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.eventstore.EventCodec;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.readmodel.InitiativeViews;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Feeds the read models (the initiative details, the alignment) from the same topic subscribers
 * read, one event at a time in per-initiative order; each read model skips what it applied
 * already, so a redelivered record changes nothing. A record that cannot
 * be understood is nacked and lands on the dead-letter topic; the projection moves on. A record
 * that is understood but cannot be stored right now (database away) is retried before it is
 * given up, so a short outage does not divert good events to the dead-letter topic.
 */
@ApplicationScoped
public class EventProjection {

    private static final Logger LOG = Logger.getLogger(EventProjection.class);

    @Inject
    InitiativeViews details;

    @Inject
    AlignmentViews alignment;

    @Incoming("alignment-events")
    public Uni<Void> consume(Message<String> message) {
        StoredEvent event;
        try {
            event = decode(message);
        } catch (RuntimeException malformed) {
            LOG.warnf("Sending an unreadable record to the dead-letter topic: %s", malformed.getMessage());
            return Uni.createFrom().completionStage(message.nack(malformed));
        }
        return details.apply(event).chain(() -> alignment.apply(event))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(5)).atMost(12)
                .onItemOrFailure().transformToUni((applied, failure) -> failure == null
                        ? Uni.createFrom().completionStage(message.ack())
                        : Uni.createFrom().completionStage(message.nack(failure)));
    }

    /** Reads a CloudEvents binary-mode record back into the stored event it was published from. */
    static StoredEvent decode(Message<String> message) {
        IncomingKafkaRecordMetadata<?, ?> metadata = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new EventCodec.UnreadableEvent("not a Kafka record"));
        Headers headers = metadata.getHeaders();
        String type = header(headers, "ce_type");
        String payload = message.getPayload();
        if (payload == null) {
            throw new EventCodec.UnreadableEvent("record without a value");
        }
        try {
            return new StoredEvent(UUID.fromString(header(headers, "ce_id")),
                    UUID.fromString(header(headers, "ce_subject")),
                    Long.parseLong(header(headers, "ce_streamversion")), type, EventCodec.decode(type, payload),
                    Instant.parse(header(headers, "ce_time")), header(headers, "ce_correlationid"));
        } catch (IllegalArgumentException | java.time.format.DateTimeParseException e) {
            throw new EventCodec.UnreadableEvent("malformed CloudEvents header: " + e.getMessage());
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new EventCodec.UnreadableEvent("missing header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
