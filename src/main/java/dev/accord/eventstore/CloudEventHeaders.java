package dev.accord.eventstore;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * CloudEvents 1.0 binary mode for Kafka (asyncapi.yaml): the attributes travel as {@code ce_}
 * headers, the record value is the event's data JSON. The events, the alignment state and its
 * signals all carry the same attributes; events add who and what caused them.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "/accord/alignment";
    public static final String CONTENT_TYPE = "application/json";

    private CloudEventHeaders() {
    }

    public static Map<String, String> of(StoredEvent event) {
        Map<String, String> headers = attributes(event.eventId(), event.type(), event.initiativeId().toString(),
                event.recordedAt(), event.version());
        headers.put("ce_correlationid", event.correlationId());
        if (event.actor() != null) {
            headers.put("ce_actor", event.actor());
        }
        headers.put("content-type", CONTENT_TYPE);
        return headers;
    }

    /** A queued record's headers: its subject is its key, the initiative. */
    public static Map<String, String> of(OutboxRecord record) {
        Map<String, String> headers = attributes(record.id(), record.type(), record.key(), record.time(),
                record.streamVersion());
        headers.put("content-type", CONTENT_TYPE);
        return headers;
    }

    private static Map<String, String> attributes(UUID id, String type, String subject, Instant time, long version) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", SPEC_VERSION);
        headers.put("ce_id", id.toString());
        headers.put("ce_source", SOURCE);
        headers.put("ce_type", type);
        headers.put("ce_subject", subject);
        headers.put("ce_time", DateTimeFormatter.ISO_INSTANT.format(time));
        headers.put("ce_streamversion", Long.toString(version));
        return headers;
    }

    static void addTo(ProducerRecord<String, String> record, Map<String, String> headers) {
        for (Map.Entry<String, String> header : headers.entrySet()) {
            record.headers().add(new RecordHeader(header.getKey(), bytes(header.getValue())));
        }
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
