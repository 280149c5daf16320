package dev.accord.eventstore;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CloudEvents 1.0 binary mode for Kafka (asyncapi.yaml): the attributes travel as {@code ce_}
 * headers, the record value is the event's data JSON.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION = "1.0";
    public static final String SOURCE = "/accord/alignment";
    public static final String CONTENT_TYPE = "application/json";

    private CloudEventHeaders() {
    }

    public static Map<String, String> of(StoredEvent event) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", SPEC_VERSION);
        headers.put("ce_id", event.eventId().toString());
        headers.put("ce_source", SOURCE);
        headers.put("ce_type", event.type());
        headers.put("ce_subject", event.initiativeId().toString());
        headers.put("ce_time", DateTimeFormatter.ISO_INSTANT.format(event.recordedAt()));
        headers.put("ce_streamversion", Long.toString(event.version()));
        headers.put("ce_correlationid", event.correlationId());
        if (event.actor() != null) {
            headers.put("ce_actor", event.actor());
        }
        headers.put("content-type", CONTENT_TYPE);
        return headers;
    }

    public static byte[] bytes(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
