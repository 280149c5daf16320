package dev.accord.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonRawValue;

import java.time.format.DateTimeFormatter;

/**
 * An event in CloudEvents 1.0 structured JSON: the same attributes the Kafka headers carry
 * (extensions {@code streamversion}, {@code correlationid} and, when a caller was authenticated,
 * {@code actor} included), with {@code data} inline. A list of them is the CloudEvents JSON batch format.
 */
@JsonPropertyOrder({"specversion", "id", "source", "type", "subject", "time", "datacontenttype", "streamversion",
        "correlationid", "actor", "data"})
public record StructuredCloudEvent(String specversion, String id, String source, String type, String subject,
                                   String time, String datacontenttype, long streamversion, String correlationid,
                                   @JsonInclude(JsonInclude.Include.NON_NULL) String actor,
                                   @JsonRawValue String data) {

    public static StructuredCloudEvent of(StoredEvent event) {
        return new StructuredCloudEvent(CloudEventHeaders.SPEC_VERSION, event.eventId().toString(),
                CloudEventHeaders.SOURCE, event.type(), event.initiativeId().toString(),
                DateTimeFormatter.ISO_INSTANT.format(event.recordedAt()), CloudEventHeaders.CONTENT_TYPE,
                event.version(), event.correlationId(), event.actor(), EventCodec.encode(event.event()));
    }
}
