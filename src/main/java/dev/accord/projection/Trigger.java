package dev.accord.projection;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * What a record on the events topic tells the projection: that the event {@code eventId} of
 * type {@code type} sits at {@code version} of the initiative's stream. That is all it is
 * trusted for. The events applied come from the event store, and only when the store agrees.
 */
record Trigger(UUID initiativeId, long version, UUID eventId, String type) {

    /** Reads the CloudEvents binary-mode headers Accord publishes every event with. */
    static Trigger of(Headers headers) {
        try {
            long version = Long.parseLong(header(headers, "ce_streamversion"));
            if (version < 1) {
                throw new UnreadableRecord("ce_streamversion " + version + " is not a stream version");
            }
            return new Trigger(UUID.fromString(header(headers, "ce_subject")), version,
                    UUID.fromString(header(headers, "ce_id")), header(headers, "ce_type"));
        } catch (IllegalArgumentException e) {
            throw new UnreadableRecord("malformed CloudEvents header: " + e.getMessage());
        }
    }

    private static String header(Headers headers, String name) {
        Header header = headers == null ? null : headers.lastHeader(name);
        if (header == null || header.value() == null) {
            throw new UnreadableRecord("missing header " + name);
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }

    /** A record that does not even say which event it is about: it goes to the dead-letter topic. */
    static final class UnreadableRecord extends RuntimeException {
        UnreadableRecord(String message) {
            super(message);
        }
    }
}
