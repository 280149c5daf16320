package dev.accord.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.eventstore.EventCodec;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.readmodel.InitiativeDetails;

import java.io.IOException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two read models (alignment facts, initiative details) against the event store of
 * record: folded afresh in this JVM with the same pure functions the projection calls, or
 * rebuilt by Accord through its admin API.
 */
final class ReadModels {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final StoreInspector store;

    ReadModels(StoreInspector store) {
        this.store = store;
    }

    /**
     * For every initiative in the store, where its rows differ from the fold of its events (each
     * row at the stream's latest version, its document equal to the fold of the events up to the
     * version it is a snapshot of): empty when each read model is what a rebuild would give.
     */
    List<String> differencesFromStore() {
        Map<UUID, List<StoredEvent>> streams = new LinkedHashMap<>();
        store.query("select event_id, initiative_id, version, type, data::text, recorded_at, correlation_id"
                + " from event_store order by initiative_id, version", rows -> {
                    StoredEvent event = new StoredEvent(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class),
                            rows.getLong(3), rows.getString(4), EventCodec.decode(rows.getString(4), rows.getString(5)),
                            rows.getObject(6, OffsetDateTime.class).toInstant(), rows.getString(7));
                    streams.computeIfAbsent(event.initiativeId(), id -> new ArrayList<>()).add(event);
                });
        Map<UUID, ObjectNode> stored = snapshot();
        List<String> differences = new ArrayList<>();
        streams.forEach((initiativeId, events) -> {
            ObjectNode rows = stored.get(initiativeId);
            if (rows == null) {
                differences.add(initiativeId + ": no read model rows");
                return;
            }
            // each document is a snapshot at its snapshot_version; the row's version is the whole stream's
            if (rows.path("alignmentVersion").asLong() != events.size()
                    || rows.path("detailsVersion").asLong() != events.size()) {
                differences.add(initiativeId + ": rows at " + versions(rows) + ", the store at " + events.size());
            }
            List<StoredEvent> toFacts = events.subList(0, (int) Math.min(events.size(),
                    rows.path("factsVersion").asLong()));
            AlignmentFacts facts = AlignmentFold.fold(initiativeId, toFacts.stream().map(StoredEvent::event).toList());
            InitiativeDetails details = null;
            for (StoredEvent event : events.subList(0, (int) Math.min(events.size(),
                    rows.path("documentVersion").asLong()))) {
                details = InitiativeDetails.apply(details, event);
            }
            if (!tree(facts).equals(rows.path("facts"))) {
                differences.add(initiativeId + ": alignment facts differ from the fold of its first "
                        + toFacts.size() + " events\n  stored: " + cut(rows.path("facts")) + "\n  folded: "
                        + cut(tree(facts)));
            }
            if (!tree(details).equals(rows.path("document"))) {
                differences.add(initiativeId + ": details differ from the fold of its first "
                        + rows.path("documentVersion") + " events\n  stored: " + cut(rows.path("document"))
                        + "\n  folded: " + cut(tree(details)));
            }
        });
        return differences;
    }

    /** Initiatives whose rows differ between two snapshots, with their versions before and after. */
    static List<String> changed(Map<UUID, ObjectNode> before, Map<UUID, ObjectNode> after) {
        Set<UUID> initiatives = new TreeSet<>(before.keySet());
        initiatives.addAll(after.keySet());
        return initiatives.stream()
                .filter(id -> !Objects.equals(comparable(before.get(id), after.get(id)),
                        comparable(after.get(id), before.get(id))))
                .map(id -> id + ": versions " + versions(before.get(id)) + " became " + versions(after.get(id)))
                .toList();
    }

    /**
     * The rows as two snapshots can compare them: a document (a snapshot at its own version, which
     * a rebuild moves to the latest) is compared only when the other side's is at the same version;
     * each side's document is checked against the store by {@link #differencesFromStore}.
     */
    private static ObjectNode comparable(ObjectNode rows, ObjectNode other) {
        if (rows == null || other == null) {
            return rows;
        }
        ObjectNode kept = rows.deepCopy();
        if (rows.path("factsVersion").asLong() != other.path("factsVersion").asLong()) {
            kept.remove(List.of("facts", "factsVersion"));
        }
        if (rows.path("documentVersion").asLong() != other.path("documentVersion").asLong()) {
            kept.remove(List.of("document", "documentVersion"));
        }
        return kept;
    }

    private static String versions(ObjectNode rows) {
        return rows == null ? "(none)"
                : "alignment " + rows.path("alignmentVersion") + ", details " + rows.path("detailsVersion");
    }

    /** Enough of a document to see where it differs without flooding the report. */
    private static String cut(JsonNode json) {
        String text = json.toString();
        return text.length() <= 1500 ? text : text.substring(0, 1500) + "…";
    }

    /** Both read models' rows per initiative, as JSON, for comparing before and after. */
    Map<UUID, ObjectNode> snapshot() {
        Map<UUID, ObjectNode> rows = new LinkedHashMap<>();
        store.query("""
                select coalesce(a.initiative_id, d.initiative_id), a.version, a.facts::text, d.version, d.document::text,
                       a.snapshot_version, d.snapshot_version
                  from alignment_view a full join initiative_view d on d.initiative_id = a.initiative_id
                 order by 1""", row -> {
                    ObjectNode node = JSON.createObjectNode();
                    node.put("alignmentVersion", row.getLong(2));
                    node.set("facts", parse(row.getString(3)));
                    node.put("detailsVersion", row.getLong(4));
                    node.set("document", parse(row.getString(5)));
                    node.put("factsVersion", row.getLong(6));
                    node.put("documentVersion", row.getLong(7));
                    rows.put(row.getObject(1, UUID.class), node);
                });
        return rows;
    }

    /**
     * Starts a rebuild of every initiative through {@code POST /api/v1/admin/projections/rebuild}
     * and follows its status until it ends; answers the final status (state DONE or FAILED).
     */
    static JsonNode rebuild(AccordHttp http, Duration timeout) {
        AccordHttp.Answer started = http.postOrFail("/api/v1/admin/projections/rebuild", Map.of());
        if (started.status() != 202) {
            throw new AssertionError("POST /api/v1/admin/projections/rebuild answered " + started.status() + ": "
                    + started.text());
        }
        String rebuildId = started.body().path("rebuildId").asText();
        AtomicReference<JsonNode> status = new AtomicReference<>(started.body());
        StoreInspector.await("rebuild " + rebuildId + " to end", timeout, () -> {
            status.set(http.getOrFail("/api/v1/admin/projections/rebuild/" + rebuildId).body());
            return !"RUNNING".equals(status.get().path("state").asText());
        }, () -> status.get().toString());
        return status.get();
    }

    private static JsonNode tree(Object value) {
        // Through text, so that numbers compare as parsed JSON numbers on both sides.
        try {
            return JSON.readTree(JSON.writeValueAsString(Objects.requireNonNull(value)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        if (text == null) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable read model JSON: " + e.getMessage(), e);
        }
    }
}
