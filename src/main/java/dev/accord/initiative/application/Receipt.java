package dev.accord.initiative.application;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.accord.eventstore.StoredEvent;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What a command answers: which event it recorded and at which version, plus the ids the
 * command created (possibilityId, commitmentId, ...), flattened into the same JSON object.
 */
@JsonPropertyOrder({"initiativeId", "eventId", "type", "version", "recordedAt"})
public record Receipt(UUID initiativeId, UUID eventId, String type, long version, Instant recordedAt,
                      @JsonIgnore Map<String, Object> createdIds) {

    private static final Set<String> FIXED = Set.of("initiativeId", "eventId", "type", "version", "recordedAt");

    public Receipt {
        createdIds = Map.copyOf(createdIds);
    }

    /** Launch, join and leave create no id besides the initiative's, which every receipt has. */
    public static Receipt of(StoredEvent event) {
        return of(event, Map.of());
    }

    public static Receipt of(StoredEvent event, Map<String, Object> createdIds) {
        return new Receipt(event.initiativeId(), event.eventId(), event.type(), event.version(), event.recordedAt(),
                createdIds);
    }

    @JsonAnyGetter
    public Map<String, Object> created() {
        return createdIds;
    }

    /** Reads back a receipt kept for an Idempotency-Key. */
    public static Receipt fromJson(JsonNode json) {
        Map<String, Object> created = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!FIXED.contains(field.getKey())) {
                JsonNode value = field.getValue();
                created.put(field.getKey(), value.isArray() ? value : value.asText());
            }
        }
        return new Receipt(UUID.fromString(json.get("initiativeId").asText()),
                UUID.fromString(json.get("eventId").asText()), json.get("type").asText(),
                json.get("version").asLong(), Instant.parse(json.get("recordedAt").asText()), created);
    }
}
