package dev.accord.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A record of the events, state or signals topic (CloudEvents binary mode: {@code ce_} headers,
 * the data as value) turned into the structured-mode CloudEvent a webhook delivers: every
 * {@code ce_} header becomes the attribute of that name, the value becomes {@code data}.
 */
public record CloudEventRecord(String id, String type, Optional<UUID> initiativeId, String body) {

    private static final String PREFIX = "ce_";
    /** The attributes every Accord record carries, in the order they are written first. */
    private static final List<String> REQUIRED = List.of("specversion", "id", "source", "type", "subject", "time");

    /** A record that cannot be delivered as a CloudEvent: a required header missing, or data that is not JSON. */
    public static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * @param headers the record's headers, by name (the last value of a repeated header)
     * @param value   the record's value as it came, the event's data JSON in UTF-8
     */
    public static CloudEventRecord of(Map<String, String> headers, byte[] value, ObjectMapper json) {
        ObjectNode event = json.createObjectNode();
        for (String attribute : REQUIRED) {
            String header = headers.get(PREFIX + attribute);
            if (header == null || header.isEmpty()) {
                throw new Unreadable("the record has no " + PREFIX + attribute + " header");
            }
            event.put(attribute, header);
        }
        event.put("datacontenttype", headers.getOrDefault("content-type", "application/json"));
        headers.forEach((name, header) -> {
            String attribute = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : null;
            if (attribute != null && !attribute.isEmpty() && !event.has(attribute)) {
                event.put(attribute, header);
            }
        });
        event.set("data", data(value, json));
        String subject = event.get("subject").asText();
        try {
            return new CloudEventRecord(event.get("id").asText(), event.get("type").asText(), uuid(subject),
                    json.writeValueAsString(event));
        } catch (JsonProcessingException e) {
            throw new Unreadable("the event cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    /** Parsed from the bytes, so that a value that is not UTF-8 is refused, not read with replacement characters. */
    private static JsonNode data(byte[] value, ObjectMapper json) {
        if (value == null) {
            throw new Unreadable("the record has no value");
        }
        try {
            JsonNode data = json.readTree(value);
            if (data == null || data.isMissingNode()) {
                // Jackson reads an empty or blank value as "no content", not as an error
                throw new Unreadable("the record's value is empty");
            }
            return data;
        } catch (JsonProcessingException e) {
            throw new Unreadable("the record's value is not JSON in UTF-8: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new Unreadable("the record's value cannot be read: " + e.getMessage());
        }
    }

    /** Accord's subjects are initiative ids; another subject matches only unfiltered subscriptions. */
    private static Optional<UUID> uuid(String subject) {
        try {
            return Optional.of(UUID.fromString(subject));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
