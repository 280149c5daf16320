package dev.accord.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

/**
 * What the fuzz run has built so far, learnt only from receipts: the initiatives, their active
 * participants and the ids Accord made in them. Valid requests are drawn from it, so that the
 * hostile ones built from them reach past "unknown initiative" into the code that stores text.
 */
final class World {

    static final class Initiative {
        final String id;
        final Set<String> participants = new LinkedHashSet<>();
        final Set<String> everJoined = new LinkedHashSet<>();
        final Map<String, List<String>> madeIds = new LinkedHashMap<>();
        long version;
        boolean completed;

        Initiative(String id) {
            this.id = id;
        }

        Optional<String> made(String idName, Random random) {
            return pick(madeIds.getOrDefault(idName, List.of()), random);
        }
    }

    private final Map<String, Initiative> initiatives = new LinkedHashMap<>();

    Collection<Initiative> initiatives() {
        return initiatives.values();
    }

    Optional<Initiative> find(String initiativeId) {
        return Optional.ofNullable(initiatives.get(initiativeId));
    }

    Optional<Initiative> anyActive(Random random) {
        return pick(initiatives.values().stream().filter(i -> !i.completed).toList(), random);
    }

    Optional<Initiative> any(Random random) {
        return pick(List.copyOf(initiatives.values()), random);
    }

    long activeCount() {
        return initiatives.values().stream().filter(i -> !i.completed).count();
    }

    /**
     * Learns from an accepted command: its receipt names the initiative, its new version and the
     * ids made; the event type says whether someone joined, left or the initiative ended.
     */
    void learn(JsonNode receipt, JsonNode body, Map<String, String> pathParameters) {
        String initiativeId = receipt.path("initiativeId").asText(null);
        if (initiativeId == null) {
            return;
        }
        Initiative initiative = initiatives.computeIfAbsent(initiativeId, Initiative::new);
        initiative.version = Math.max(initiative.version, receipt.path("version").asLong());
        Iterator<Map.Entry<String, JsonNode>> fields = receipt.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.endsWith("Id") && !name.equals("initiativeId") && !name.equals("eventId")) {
                initiative.madeIds.computeIfAbsent(name, k -> new ArrayList<>()).add(field.getValue().asText());
            } else if (name.endsWith("Ids") && field.getValue().isArray()) {
                String single = name.substring(0, name.length() - 1);
                field.getValue().forEach(id -> initiative.madeIds.computeIfAbsent(single, k -> new ArrayList<>())
                        .add(id.asText()));
            }
        }
        switch (receipt.path("type").asText()) {
            case "accord.InitiativeLaunched.v1" -> joined(initiative, body.path("sponsor").path("personId").asText());
            case "accord.ParticipantJoined.v1" -> joined(initiative, body.path("personId").asText());
            case "accord.ParticipantLeft.v1" -> initiative.participants.remove(pathParameters.get("personId"));
            case "accord.InitiativeCompleted.v1" -> initiative.completed = true;
            default -> {
            }
        }
    }

    private static void joined(Initiative initiative, String personId) {
        if (personId.isEmpty()) {
            return;
        }
        initiative.participants.add(personId);
        initiative.everJoined.add(personId);
    }

    static <T> Optional<T> pick(List<T> from, Random random) {
        return from.isEmpty() ? Optional.empty() : Optional.of(from.get(random.nextInt(from.size())));
    }
}
