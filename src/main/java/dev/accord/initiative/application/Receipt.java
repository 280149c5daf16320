package dev.accord.initiative.application;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;

import java.time.Instant;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
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
        createdIds = Collections.unmodifiableMap(new LinkedHashMap<>(createdIds));
    }

    public static Receipt of(StoredEvent event) {
        return new Receipt(event.initiativeId(), event.eventId(), event.type(), event.version(), event.recordedAt(),
                createdIds(event.event()));
    }

    /** A command that creates something answers 201 with its id; the others answer 200. */
    public boolean createdSomething() {
        return !createdIds.isEmpty();
    }

    /**
     * The ids Accord made for what the event created. Launch, join and leave create no id besides
     * the initiative's (every receipt has it); responses, declines and the life of a commitment
     * change something that already has one.
     */
    static Map<String, Object> createdIds(InitiativeEvent event) {
        Map<String, Object> ids = new LinkedHashMap<>();
        if (event instanceof RelationshipEstablished established) {
            ids.put("relationshipId", established.relationshipId());
        } else if (event instanceof PossibilityShared shared) {
            ids.put("possibilityId", shared.possibilityId());
        } else if (event instanceof PathwayMapped mapped) {
            ids.put("pathwayId", mapped.pathwayId());
            ids.put("milestoneIds", mapped.milestones().stream().map(Milestone::milestoneId).toList());
        } else if (event instanceof CommitmentRequested requested) {
            ids.put("requestId", requested.requestId());
        } else if (event instanceof CommitmentMade made) {
            ids.put("commitmentId", made.commitmentId());
        } else if (event instanceof FeedbackGiven given) {
            ids.put("feedbackId", given.feedbackId());
        } else if (event instanceof ContributionAcknowledged acknowledged) {
            ids.put("acknowledgementId", acknowledged.acknowledgementId());
        }
        return ids;
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
                created.put(field.getKey(), value.isArray()
                        ? StreamSupport.stream(value.spliterator(), false).map(JsonNode::asText).toList()
                        : value.asText());
            }
        }
        return new Receipt(UUID.fromString(json.get("initiativeId").asText()),
                UUID.fromString(json.get("eventId").asText()), json.get("type").asText(),
                json.get("version").asLong(), Instant.parse(json.get("recordedAt").asText()), created);
    }
}
