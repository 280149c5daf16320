package dev.accord.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import static dev.accord.fuzz.Hostility.ANY;
import static dev.accord.fuzz.Hostility.FAR_INSTANTS;
import static dev.accord.fuzz.Hostility.INVALID;
import static dev.accord.fuzz.Hostility.MALFORMED;
import static dev.accord.fuzz.Hostility.REFUSED;
import static dev.accord.fuzz.Hostility.ascii;
import static dev.accord.fuzz.Hostility.attack;
import static dev.accord.fuzz.Hostility.bytes;
import static dev.accord.fuzz.Hostility.concat;
import static dev.accord.fuzz.Hostility.replace;
import static dev.accord.fuzz.Hostility.slice;

/** Hostile JSON bodies: broken syntax, text Accord must refuse or keep verbatim, far dates, enums by number. */
final class BodyBreakers {

    /** Marks where raw bytes go into a serialised body, as no JSON writer would write them. */
    private static final String HOLE = "FUZZHOLE7f3a";

    static final List<String> MALFORMED_INSTANTS = List.of(
            "2026-13-01T00:00:00Z", "2026-02-30T10:00:00Z", "2026-01-01T00:00:00", "yesterday", "2026-01-01T25:00:00Z",
            "", " ");
    private static final List<byte[]> INVALID_UTF8 = List.of(
            bytes(0xC0, 0xAF), bytes(0xE0, 0x80, 0xAF), bytes(0xE2, 0x82), bytes(0x80), bytes(0xFF, 0xFE),
            bytes(0xED, 0xA0, 0x80), bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes('a', 0xC3));
    private static final List<String> LONE_SURROGATES = List.of("\\ud800", "x\\udc00y", "\\ud83d", "\\udfff\\ud800");
    private static final List<String> CONTROL_ESCAPES = List.of("\\u0000", "a\\u0000b", "\\u0001", "\\u001b[31m", "\\u0008",
            "\\u000b", "\\u000c", "\\u000d", "\\u001f");


    private final ApiOperations api;
    private final Draw draw;

    BodyBreakers(ApiOperations api, Draw draw) {
        this.api = api;
        this.draw = draw;
    }

    List<Hostility.Breaker> all() {
        return List.of(
                new Hostility.Breaker("duplicate keys", this::duplicateKey),
                new Hostility.Breaker("trailing garbage", this::trailingGarbage),
                new Hostility.Breaker("truncated JSON", this::truncated),
                new Hostility.Breaker("wrong JSON type", this::wrongType),
                new Hostility.Breaker("missing required field", this::missingRequired),
                new Hostility.Breaker("unknown field", this::unknownField),
                new Hostility.Breaker("deeply nested JSON", this::deeplyNested),
                new Hostility.Breaker("body over the limit", this::hugeBody),
                new Hostility.Breaker("empty body", this::emptyBody),
                new Hostility.Breaker("not JSON media type", this::notJson),
                new Hostility.Breaker("invalid UTF-8 in text", this::invalidUtf8),
                new Hostility.Breaker("lone surrogate in text", this::loneSurrogate),
                new Hostility.Breaker("C0 control in text", this::controlInText),
                new Hostility.Breaker("text over its length", this::overLength),
                new Hostility.Breaker("text at its length", this::atLength),
                new Hostility.Breaker("blank text", this::blankText),
                new Hostility.Breaker("script and SQL text", this::scriptAndSql),
                new Hostility.Breaker("far date in body", 6, this::farDate),
                new Hostility.Breaker("malformed date in body", this::malformedDate),
                new Hostility.Breaker("occurredAt before launch", 2, this::beforeLaunch),
                new Hostility.Breaker("enum by number", this::enumByNumber),
                new Hostility.Breaker("invalid id in body", this::invalidId),
                new Hostility.Breaker("list over its limit", this::hugeList));
    }

    // ---- body syntax ----

    private Optional<Hostility.Attack> duplicateKey(Draft draft) {
        return firstKey(draft).map(key -> {
            String duplicate = "{\"" + key + "\":\"first value\",";
            byte[] sent = draft.bodyBytes();
            byte[] body = concat(duplicate.getBytes(StandardCharsets.UTF_8), slice(sent, 1));
            return attack("duplicate keys", draft, draft.target(), body, MALFORMED, key);
        });
    }

    private Optional<Hostility.Attack> trailingGarbage(Draft draft) {
        return withBody(draft).map(d -> attack("trailing garbage", d, d.target(),
                concat(d.bodyBytes(), draw.oneOf(List.of("garbage", "}", "{}", "]", ",", "x", "\"", "{\"a\":1}"))
                        .getBytes(StandardCharsets.UTF_8)), MALFORMED, null));
    }

    private Optional<Hostility.Attack> truncated(Draft draft) {
        return withBody(draft).map(d -> {
            byte[] sent = d.bodyBytes();
            return attack("truncated JSON", d, d.target(), slice(sent, 0, draw.between(1, sent.length - 1)),
                    MALFORMED, null);
        });
    }

    private Optional<Hostility.Attack> wrongType(Draft draft) {
        return field(draft, kind -> kind != BodyFields.Kind.OTHER).map(field -> {
            Draft broken = draft.copy();
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            List<JsonNode> wrong = switch (field.kind()) {
                case ARRAY -> List.of(nodes.textNode("not a list"), nodes.numberNode(7), nodes.objectNode());
                case OBJECT -> List.of(nodes.textNode("not an object"), nodes.arrayNode(), nodes.booleanNode(true));
                default -> List.of(nodes.numberNode(42), nodes.booleanNode(false), nodes.arrayNode().add("x"),
                        nodes.objectNode().put("nested", true), nodes.numberNode(1e308));
            };
            BodyFields.set(broken.body, field.pointer(), draw.oneOf(wrong));
            return attack("wrong JSON type", broken, broken.target(), broken.bodyBytes(), REFUSED, field.name());
        });
    }

    private Optional<Hostility.Attack> missingRequired(Draft draft) {
        List<BodyFields.Field> required = fields(draft).stream().filter(BodyFields.Field::required).toList();
        if (required.isEmpty()) {
            return Optional.empty();
        }
        BodyFields.Field field = draw.oneOf(required);
        Draft broken = draft.copy();
        BodyFields.remove(broken.body, field.pointer());
        return Optional.of(attack("missing required field", broken, broken.target(), broken.bodyBytes(), INVALID,
                field.name()));
    }

    private Optional<Hostility.Attack> unknownField(Draft draft) {
        return withBody(draft).map(d -> {
            Draft broken = d.copy();
            String name = draw.oneOf(List.of("fuzzExtra", "__proto__", "constructor", "initiativeId", "version",
                    "eventId", "recordedAt", "x".repeat(500)));
            broken.body.set(name, draw.oneOf(List.of(JsonNodeFactory.instance.textNode("extra"),
                    JsonNodeFactory.instance.objectNode().put("admin", true), JsonNodeFactory.instance.nullNode())));
            return attack("unknown field", broken, broken.target(), broken.bodyBytes(), ANY, null);
        });
    }

    private Optional<Hostility.Attack> deeplyNested(Draft draft) {
        return withBody(draft).map(d -> {
            int depth = draw.oneOf(List.of(1_500, 20_000, 100_000));
            String key = firstKey(d).orElse("title");
            String body = "{\"" + key + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            return attack("deeply nested JSON", d, d.target(), body.getBytes(StandardCharsets.UTF_8),
                    Set.of(400, 413), key);
        });
    }

    private Optional<Hostility.Attack> hugeBody(Draft draft) {
        return withBody(draft).map(d -> {
            Draft broken = d.copy();
            broken.body.put("padding", "p".repeat(300 * 1024));
            return attack("body over the limit", broken, broken.target(), broken.bodyBytes(), Set.of(413), null);
        });
    }

    private Optional<Hostility.Attack> emptyBody(Draft draft) {
        if (!draft.operation.bodyRequired()) {
            return Optional.empty();
        }
        return Optional.of(attack("empty body", draft, draft.target(), new byte[0], MALFORMED, null));
    }

    private Optional<Hostility.Attack> notJson(Draft draft) {
        return withBody(draft).map(d -> new Hostility.Attack("not JSON media type",
                d.toRequest().withHeader("Content-Type", draw.oneOf(List.of("text/plain", "application/xml",
                        "application/x-www-form-urlencoded"))), Set.of(415), null));
    }

    // ---- text ----

    private Optional<Hostility.Attack> invalidUtf8(Draft draft) {
        // The body is refused as a whole before it is read as JSON, so no field can be named.
        return holeInText(draft, "invalid UTF-8 in text", draw.oneOf(INVALID_UTF8), MALFORMED)
                .map(attack -> new Hostility.Attack(attack.kind(), attack.request(), attack.expected(), null));
    }

    private Optional<Hostility.Attack> loneSurrogate(Draft draft) {
        return holeInText(draft, "lone surrogate in text", ascii(draw.oneOf(LONE_SURROGATES)), REFUSED);
    }

    private Optional<Hostility.Attack> controlInText(Draft draft) {
        if (draw.chance(0.2)) {
            // A raw control byte inside a JSON string is not JSON at all.
            return holeInText(draft, "C0 control in text", bytes('a', draw.between(0, 0x1f), 'b'), REFUSED);
        }
        return holeInText(draft, "C0 control in text", ascii(draw.oneOf(CONTROL_ESCAPES)), INVALID);
    }

    private Optional<Hostility.Attack> overLength(Draft draft) {
        return textField(draft).map(field -> {
            Draft broken = draft.copy();
            String unit = draw.chance(0.5) ? "a" : "😀";
            BodyFields.set(broken.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(unit.repeat(field.maxLength() + 1)));
            return attack("text over its length", broken, broken.target(), broken.bodyBytes(), INVALID, field.name());
        });
    }

    private Optional<Hostility.Attack> atLength(Draft draft) {
        return textField(draft).map(field -> {
            Draft boundary = draft.copy();
            String unit = draw.chance(0.5) ? "a" : "😀";
            BodyFields.set(boundary.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(unit.repeat(field.maxLength())));
            return attack("text at its length", boundary, boundary.target(), boundary.bodyBytes(), ANY, field.name());
        });
    }

    private Optional<Hostility.Attack> blankText(Draft draft) {
        return textField(draft).map(field -> {
            Draft broken = draft.copy();
            BodyFields.set(broken.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(draw.oneOf(List.of("", " ", "\t\n", "  \n  "))));
            return attack("blank text", broken, broken.target(), broken.bodyBytes(), INVALID, field.name());
        });
    }

    private Optional<Hostility.Attack> scriptAndSql(Draft draft) {
        return textField(draft).map(field -> {
            Draft stored = draft.copy();
            BodyFields.set(stored.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(draw.oneOf(ValidRequests.SCRIPT_AND_SQL)));
            return attack("script and SQL text", stored, stored.target(), stored.bodyBytes(), ANY, field.name());
        });
    }

    // ---- dates, enums, ids, lists ----

    private Optional<Hostility.Attack> farDate(Draft draft) {
        return dateField(draft).map(field -> setField(draft, field, "far date in body",
                JsonNodeFactory.instance.textNode(field.name().equals("targetDate") && draw.chance(0.5)
                        ? draw.oneOf(List.of("+999999999-12-31", "0001-01-01", "-0001-01-01"))
                        : farInstant()), INVALID));
    }

    /** The year +999999999 most often: it is the one that once got past validation and stalled the projection. */
    private String farInstant() {
        return draw.chance(0.4) ? FAR_INSTANTS.get(0) : draw.oneOf(FAR_INSTANTS);
    }

    private Optional<Hostility.Attack> malformedDate(Draft draft) {
        return dateField(draft).map(field -> setField(draft, field, "malformed date in body",
                JsonNodeFactory.instance.textNode(draw.oneOf(MALFORMED_INSTANTS)), REFUSED));
    }

    private Optional<Hostility.Attack> beforeLaunch(Draft draft) {
        if (draft.body == null || draft.initiative == null || !draft.operation.bodySchema()
                .map(s -> api.resolve(s).path("properties").has(ValidRequests.OCCURRED_AT)).orElse(false)) {
            return Optional.empty();
        }
        Draft broken = draft.copy();
        broken.body.put(ValidRequests.OCCURRED_AT, draw.oneOf(List.of("2001-01-01T00:00:00Z", "1990-06-15T12:00:00+02:00",
                "2020-01-01T00:00:00Z")));
        return Optional.of(attack("occurredAt before launch", broken, broken.target(), broken.bodyBytes(), INVALID,
                ValidRequests.OCCURRED_AT));
    }

    private Optional<Hostility.Attack> enumByNumber(Draft draft) {
        return field(draft, kind -> kind == BodyFields.Kind.ENUM).map(field -> {
            Draft broken = draft.copy();
            BodyFields.set(broken.body, field.pointer(), JsonNodeFactory.instance.textNode(HOLE));
            String number = draw.oneOf(List.of("\"0\"", "0", "\"1\"", "4", "\"-1\"", "1.0"));
            return attack("enum by number", broken, broken.target(),
                    replace(broken.bodyBytes(), "\"" + HOLE + "\"", ascii(number)), MALFORMED, field.name());
        });
    }

    private Optional<Hostility.Attack> invalidId(Draft draft) {
        return field(draft, kind -> kind == BodyFields.Kind.ID).map(field -> setField(draft, field, "invalid id in body",
                JsonNodeFactory.instance.textNode(draw.oneOf(List.of("", "has space", "x".repeat(129), "ünïcode",
                        "a/b", "a\0b", "<script>", "'; --"))), INVALID));
    }

    private Optional<Hostility.Attack> hugeList(Draft draft) {
        return field(draft, kind -> kind == BodyFields.Kind.ARRAY)
                .filter(field -> field.schema().has("maxItems"))
                .map(field -> {
                    var list = JsonNodeFactory.instance.arrayNode();
                    for (int i = 0; i <= field.schema().path("maxItems").asInt(); i++) {
                        list.add(api.resolve(field.schema().get("items")).path("type").asText().equals("object")
                                ? JsonNodeFactory.instance.objectNode().put("title", "m" + i)
                                        .put("dueBy", "2030-01-01T00:00:00Z")
                                : JsonNodeFactory.instance.textNode("item-" + i));
                    }
                    return setField(draft, field, "list over its limit", list, INVALID);
                });
    }

    private Hostility.Attack setField(Draft draft, BodyFields.Field field, String kind, JsonNode value, Set<Integer> expected) {
        Draft broken = draft.copy();
        BodyFields.set(broken.body, field.pointer(), value);
        return attack(kind, broken, broken.target(), broken.bodyBytes(), expected, field.name());
    }

    private Optional<Hostility.Attack> holeInText(Draft draft, String kind, byte[] raw, Set<Integer> expected) {
        return textField(draft).map(field -> {
            Draft broken = draft.copy();
            BodyFields.set(broken.body, field.pointer(), JsonNodeFactory.instance.textNode("t" + HOLE + "t"));
            return attack(kind, broken, broken.target(), replace(broken.bodyBytes(), HOLE, raw), expected,
                    field.name());
        });
    }

    private Optional<Draft> withBody(Draft draft) {
        return Optional.ofNullable(draft.body).filter(b -> b.size() > 0).map(b -> draft);
    }

    private Optional<String> firstKey(Draft draft) {
        return withBody(draft).map(d -> d.body.fieldNames().next());
    }

    private List<BodyFields.Field> fields(Draft draft) {
        return draft.body == null ? List.of() : BodyFields.of(api, draft.operation, draft.body);
    }

    private Optional<BodyFields.Field> field(Draft draft, Predicate<BodyFields.Kind> kind) {
        List<BodyFields.Field> matching = fields(draft).stream().filter(f -> kind.test(f.kind())).toList();
        return matching.isEmpty() ? Optional.empty() : Optional.of(draw.oneOf(matching));
    }

    private Optional<BodyFields.Field> textField(Draft draft) {
        return field(draft, kind -> kind == BodyFields.Kind.TEXT);
    }

    /** A date field of the body; occurredAt counts even when absent, as valid drafts leave it out. */
    private Optional<BodyFields.Field> dateField(Draft draft) {
        Optional<BodyFields.Field> present = field(draft, kind -> kind == BodyFields.Kind.DATE);
        JsonNode occurredAt = draft.operation.bodySchema()
                .map(s -> api.resolve(s).path("properties").get(ValidRequests.OCCURRED_AT)).orElse(null);
        if (draft.body == null || occurredAt == null || (present.isPresent() && draw.chance(0.8))) {
            return present;
        }
        return Optional.of(new BodyFields.Field(JsonPointer.compile("/" + ValidRequests.OCCURRED_AT),
                ValidRequests.OCCURRED_AT, api.resolve(occurredAt), BodyFields.Kind.DATE, false));
    }
}
