package dev.accord.webhook;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.accord.eventstore.PgErrors;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the records of the events, state and signals topics into deliveries, in a consumer
 * group of its own ({@code accord-webhooks}), so commands and the projection never wait on it.
 * A record becomes one delivery row per active subscription that names its type (and its
 * initiative, when the subscription has that filter); the offset is committed only after the
 * rows are written. A record read again (a restart before the commit) finds its rows there and
 * adds none: at-least-once from the topic, once into the log.
 */
@ApplicationScoped
public class WebhookFeed {

    private static final Logger LOG = Logger.getLogger(WebhookFeed.class);
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MOST = Duration.ofSeconds(5);

    /** Data is copied into the body as it came: decimals exactly, whatever Accord's REST mapper does. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    @Inject
    Pool pool;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    SubscribedTypes subscribedTypes;

    /**
     * One poll of the three topics at a time: most records are of types no active subscription
     * names and are passed over on their {@code ce_type} header alone, their value (a whole state
     * document, on the state topic) left as the bytes it came as; the others are queued one after
     * the other, and the poll's offsets are committed once all of them are.
     */
    @Incoming("webhook-feed")
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> records) {
        Uni<Void> queued = Uni.createFrom().voidItem();
        for (KafkaRecord<String, byte[]> record : records.getRecords()) {
            CloudEventRecord event = wanted(record.getHeaders(), record.getPayload());
            if (event != null) {
                queued = queued.chain(() -> queue(event));
            }
        }
        return queued.chain(() -> Uni.createFrom().completionStage(records.ack()));
    }

    /** The record as a CloudEvent, when an active subscription names its type and it can be read; else null. */
    private CloudEventRecord wanted(Headers headers, byte[] payload) {
        Header type = headers.lastHeader("ce_type");
        if (type != null && type.value() != null
                && !subscribedTypes.named(new String(type.value(), StandardCharsets.UTF_8))) {
            // no active subscription wants it: not parsed, nothing written
            return null;
        }
        try {
            return CloudEventRecord.of(byName(headers), payload, JSON);
        } catch (CloudEventRecord.Unreadable unreadable) {
            LOG.warnf("Skipping a record no webhook can be sent for: %s", unreadable.getMessage());
            return null;
        }
    }

    /** Queues the record's deliveries, waiting out the database being away (the poll stays unacknowledged meanwhile). */
    private Uni<Void> queue(CloudEventRecord event) {
        return Uni.createFrom().deferred(() -> enqueue(event))
                .onFailure(PgErrors::isTransient).invoke(failure -> LOG.warnf(
                        "Queueing webhooks for %s failed transiently, retrying: %s", event.id(), failure.getMessage()))
                .onFailure(PgErrors::isTransient).retry().withBackOff(RETRY_FIRST, RETRY_MOST).indefinitely()
                .onItemOrFailure().invoke((queued, failure) -> {
                    if (failure != null) {
                        LOG.errorf(failure, "Skipping webhooks for %s %s", event.type(), event.id());
                    } else if (queued > 0) {
                        dispatcher.wakeUp();
                    }
                })
                .onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    /** One statement: the matching subscriptions' rows, none twice. */
    Uni<Integer> enqueue(CloudEventRecord event) {
        return pool.preparedQuery("""
                        insert into webhook_delivery (subscription_id, ce_id, ce_type, body, next_attempt_at)
                        select s.id, $1, $2, $3, now() from webhook_subscription s
                         where s.status = 'ACTIVE' and $2 = any(s.types)
                           and (s.initiative_id is null or s.initiative_id = $4)
                        on conflict (subscription_id, ce_id) do nothing""")
                .execute(Tuple.tuple().addString(event.id()).addString(event.type()).addString(event.body())
                        .addUUID(event.initiativeId().orElse(null)))
                .map(rows -> rows.rowCount());
    }

    private static Map<String, String> byName(Headers all) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : all) {
            if (header.value() != null) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
        }
        return headers;
    }
}
