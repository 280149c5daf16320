package dev.accord.eventstore;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.format.DateTimeFormatter;

/**
 * An event in CloudEvents 1.0 structured JSON: the same attributes the Kafka headers carry
 * (extensions {@code streamversion} and {@code correlationid} included), with {@code data}
 * inline. A list of them is the CloudEvents JSON batch format.
 */
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "streamversion",
        "correlationid", "data"})
public record StructuredCloudEvent(String specversion, String id, String source, String type, String subject,
                                   String time, String datacontenttype, long streamversion, String correlationid,
                                   @JsonRawValue String data) {

    public static StructuredCloudEvent of(StoredEvent event) {
        return new StructuredCloudEvent(CloudEventHeaders.SPEC_VERSION, event.eventId().toString(),
                CloudEventHeaders.SOURCE, event.type(), event.initiativeId().toString(),
                DateTimeFormatter.ISO_INSTANT.format(event.recordedAt()), CloudEventHeaders.CONTENT_TYPE,
                event.version(), event.correlationId(), EventCodec.encode(event.event()));
    }
}
