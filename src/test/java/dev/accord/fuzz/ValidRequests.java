package dev.accord.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds a request the contract allows, from the operation's schemas: every required field,
 * some optional ones, strings within their lengths and patterns, enums from their lists. Where
 * a field names something that must exist (a participant, a possibility, a commitment), the
 * value comes from the {@link World}; that link is the only knowledge of Accord in here.
 */
final class ValidRequests {

    /** Fields holding the id of an active participant. */
    private static final Set<String> PERSON_FIELDS =
            Set.of("personId", "sharedBy", "from", "to", "declaredBy", "requestedBy");
    /** Arrays of active participants. */
    private static final Set<String> PEOPLE_FIELDS = Set.of("participants", "audience", "coAuthors");
    /** Fields naming something Accord made in the initiative (its receipt named it). */
    private static final Set<String> MADE_FIELDS =
            Set.of("possibilityId", "pathwayId", "milestoneId", "requestId", "commitmentId");
    /** Sent only by a hostile variant: a valid default (now) cannot break the time rules. */
    static final String OCCURRED_AT = "occurredAt";
    /** When a launch says it began: left out, as occurredAt is, so the conversations that follow are never before it. */
    static final String LAUNCHED_AT = "launchedAt";

    static final List<String> UNITS = List.of("exec", "sales", "finance", "it", "ops", "R&D <b>Labs</b>");

    /** Text that must be stored and returned exactly as sent. */
    static final List<String> SCRIPT_AND_SQL = List.of(
            "<script>alert(document.cookie)</script>",
            "'; DROP TABLE events; --",
            "\" OR 1=1 --",
            "Robert'); DELETE FROM outbox WHERE ('1'='1",
            "${jndi:ldap://127.0.0.1/a}",
            "{{7*7}} #{7*7} <%= 7*7 %>",
            "../../../../etc/passwd",
            "%00%2e%2e%2f",
            "\\u0000 is not a NUL here",
            "$$ LANGUAGE plpgsql $$",
            "jsonb: {\"a\": [1, 2]}",
            "Ω≈ç√∫˜µ≤≥÷ 日本語 😀 👩‍👩‍👧 עברית",
            "line one\nline two\ttabbed");

    /** Printable ASCII, Latin, Cyrillic and CJK letters, tab and newline: text a person could type. */
    private static final int[] PLAIN_ALPHABET = alphabet(new int[][]{{' ', '~'}, {0xa0, 0x24f}, {0x400, 0x4ff},
            {0x4e00, 0x4e80}, {'\t', '\t'}, {'\n', '\n'}});
    private static final int[] ID_ALPHABET = alphabet(new int[][]{{'A', 'Z'}, {'a', 'z'}, {'0', '9'}, {'.', '.'},
            {'_', '_'}, {':', ':'}, {'@', '@'}, {'-', '-'}});
    private static final List<String> OFFSETS = List.of("Z", "+00:00", "+02:00", "-05:30", "+14:00");

    private static final AtomicLong PEOPLE = new AtomicLong();

    private final ApiOperations api;
    private final Draw draw;

    ValidRequests(ApiOperations api, Draw draw) {
        this.api = api;
        this.draw = draw;
    }

    static String freshPersonId() {
        return "fz:" + PEOPLE.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Draft build(ApiOperations.Operation operation, World.Initiative initiative) {
        Draft draft = new Draft(operation, initiative);
        Set<String> used = new LinkedHashSet<>();
        for (ApiOperations.Parameter parameter : operation.parameters()) {
            switch (parameter.in()) {
                case "path" -> draft.path.put(parameter.name(), pathValue(parameter, initiative, operation));
                case "query" -> {
                    if (parameter.required() || draw.chance(0.3)) {
                        draft.query.put(parameter.name(), queryValue(parameter, initiative));
                    }
                }
                case "header" -> {
                    if (parameter.required() || draw.chance(0.2)) {
                        draft.headers.put(parameter.name(), headerValue(parameter, initiative));
                    }
                }
                default -> {
                }
            }
        }
        operation.bodySchema().ifPresent(schema -> {
            if (operation.bodyRequired() || draw.chance(0.7)) {
                boolean newPerson = operation.path().endsWith("/participants") || !operation.path().contains("{");
                draft.body = (ObjectNode) value(schema, "", initiative, used, newPerson);
            }
        });
        return draft;
    }

    private String pathValue(ApiOperations.Parameter parameter, World.Initiative initiative,
                             ApiOperations.Operation operation) {
        String name = parameter.name();
        if (name.equals("initiativeId")) {
            return initiative.id;
        }
        if (name.equals("personId")) {
            List<String> people = List.copyOf(operation.isCommand() ? initiative.participants : initiative.everJoined);
            return people.isEmpty() ? freshPersonId() : draw.oneOf(people);
        }
        if (initiative == null) {
            return UUID.randomUUID().toString();
        }
        return initiative.made(name, draw.random).orElseGet(() -> UUID.randomUUID().toString());
    }

    private String queryValue(ApiOperations.Parameter parameter, World.Initiative initiative) {
        JsonNode schema = parameter.schema();
        long version = initiative == null ? 1 : Math.max(1, initiative.version);
        return switch (parameter.name()) {
            case "minVersion" -> Long.toString(draw.between(0, (int) version));
            case "fromVersion" -> Long.toString(draw.between(1, (int) version));
            case "asOf" -> instant(Instant.now().plus(draw.between(0, 3), ChronoUnit.DAYS));
            case "unit" -> draw.oneOf(UNITS);
            default -> scalar(schema, parameter.name()).asText();
        };
    }

    private String headerValue(ApiOperations.Parameter parameter, World.Initiative initiative) {
        return switch (parameter.name()) {
            case "If-Match" -> initiative == null || draw.chance(0.3) ? "*" : "\"" + initiative.version + "\"";
            default -> "fz-" + UUID.randomUUID();
        };
    }

    private JsonNode value(JsonNode declared, String name, World.Initiative initiative, Set<String> used,
                           boolean newPerson) {
        JsonNode schema = api.resolve(declared);
        String type = schema.path("type").asText(schema.has("properties") ? "object" : "string");
        if (type.equals("object")) {
            return object(schema, initiative, used, newPerson);
        }
        if (type.equals("array")) {
            return array(schema, name, initiative, used, newPerson);
        }
        if (initiative != null && !newPerson && PERSON_FIELDS.contains(name)) {
            return JsonNodeFactory.instance.textNode(person(initiative, used));
        }
        if (initiative != null && MADE_FIELDS.contains(name)) {
            return JsonNodeFactory.instance.textNode(
                    initiative.made(name, draw.random).orElseGet(() -> UUID.randomUUID().toString()));
        }
        if (name.equals("personId")) {
            return JsonNodeFactory.instance.textNode(freshPersonId());
        }
        if (name.equals("unit")) {
            return JsonNodeFactory.instance.textNode(draw.oneOf(UNITS));
        }
        return scalar(schema, name);
    }

    private ObjectNode object(JsonNode schema, World.Initiative initiative, Set<String> used, boolean newPerson) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        Set<String> required = new LinkedHashSet<>();
        schema.path("required").forEach(r -> required.add(r.asText()));
        Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
        while (properties.hasNext()) {
            Map.Entry<String, JsonNode> property = properties.next();
            String name = property.getKey();
            boolean optionalReference = MADE_FIELDS.contains(name) && !required.contains(name);
            boolean include = required.contains(name)
                    || (!name.equals(OCCURRED_AT) && !name.equals(LAUNCHED_AT)
                        && draw.chance(optionalReference ? 0.2 : 0.5));
            if (include) {
                object.set(name, value(property.getValue(), name, initiative, used, newPerson));
            }
        }
        return object;
    }

    private ArrayNode array(JsonNode schema, String name, World.Initiative initiative, Set<String> used,
                            boolean newPerson) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        int min = schema.path("minItems").asInt(0);
        if (initiative != null && PEOPLE_FIELDS.contains(name)) {
            int available = (int) initiative.participants.stream().filter(p -> !used.contains(p)).count();
            int size = Math.min(available, draw.between(Math.max(min, 0), Math.max(min, 3)));
            for (int i = 0; i < size; i++) {
                array.add(person(initiative, used));
            }
            return array;
        }
        if (name.equals("units")) {
            List<String> units = new ArrayList<>(UNITS);
            Collections.shuffle(units, draw.random);
            units.subList(0, draw.between(min, 3)).forEach(array::add);
            return array;
        }
        int size = draw.between(min, Math.max(min, 2));
        for (int i = 0; i < size; i++) {
            array.add(value(schema.get("items"), name, initiative, used, newPerson));
        }
        return array;
    }

    /** Picks an active participant not yet named in this request, so pairs are distinct. */
    private String person(World.Initiative initiative, Set<String> used) {
        List<String> free = initiative.participants.stream().filter(p -> !used.contains(p)).toList();
        String chosen = free.isEmpty() ? draw.oneOf(List.copyOf(initiative.participants)) : draw.oneOf(free);
        used.add(chosen);
        return chosen;
    }

    JsonNode scalar(JsonNode schema, String name) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String type = schema.path("type").asText("string");
        if (type.equals("integer")) {
            int min = schema.path("minimum").asInt(0);
            int max = Math.min(schema.path("maximum").asInt(min + 50), min + 50);
            return nodes.numberNode(draw.between(min, max));
        }
        if (type.equals("boolean")) {
            return nodes.booleanNode(draw.chance(0.5));
        }
        if (schema.has("enum")) {
            List<String> values = new ArrayList<>();
            schema.get("enum").forEach(v -> values.add(v.asText()));
            return nodes.textNode(draw.oneOf(values));
        }
        if (schema.path("format").asText().equals("date-time") || name.equals("dueBy")) {
            return nodes.textNode(instant(Instant.now().plus(draw.between(1, 400), ChronoUnit.DAYS)));
        }
        if (name.equals("targetDate")) {
            return nodes.textNode(draw.chance(0.5)
                    ? LocalDate.now(ZoneOffset.UTC).plusDays(draw.between(1, 900)).toString()
                    : instant(Instant.now().plus(draw.between(1, 900), ChronoUnit.DAYS)));
        }
        if (BodyFields.isId(schema)) {
            return nodes.textNode(draw.string(ID_ALPHABET, draw.between(1, 24)));
        }
        if (BodyFields.isSingleLine(schema)) {
            return nodes.textNode(within(schema, text().replaceAll("[\\t\\n]", " ").strip() + "n"));
        }
        return nodes.textNode(within(schema, text()));
    }

    /** An instant written with one of several offsets, as clients in other zones send it. */
    String instant(Instant instant) {
        String offset = draw.oneOf(OFFSETS);
        ZoneOffset zone = offset.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(offset);
        String local = DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(
                instant.truncatedTo(ChronoUnit.SECONDS).atOffset(zone).toLocalDateTime());
        return local + offset;
    }

    /** At most the schema's maxLength code points (and never blank when cut). */
    private static String within(JsonNode schema, String text) {
        int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
        if (text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        String cut = text.substring(0, text.offsetByCodePoints(0, max - 1)).strip();
        return cut + "x";
    }

    /** Mostly plain text; now and then a script or SQL string, or words joined by an emoji. */
    private String text() {
        int pick = draw.between(1, 10);
        if (pick <= 6) {
            return plainText();
        }
        if (pick <= 9) {
            return draw.oneOf(SCRIPT_AND_SQL);
        }
        List<String> parts = new ArrayList<>();
        for (int i = draw.between(1, 4); i > 0; i--) {
            parts.add(plainText());
        }
        return String.join(" \uD83D\uDE00 ", parts);
    }

    private String plainText() {
        String text;
        do {
            text = draw.string(PLAIN_ALPHABET, draw.between(1, 80));
        } while (text.isBlank());
        return text;
    }

    private static int[] alphabet(int[][] ranges) {
        return java.util.Arrays.stream(ranges)
                .flatMapToInt(range -> java.util.stream.IntStream.rangeClosed(range[0], range[1]))
                .toArray();
    }
}
