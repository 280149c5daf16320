package dev.accord.fuzz;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The ways the fuzz run breaks a valid request, each a named class of hostile input with the
 * answers Accord may give to it. An empty set of answers means any answer below 500 will do
 * (the input is odd but allowed), and the stored text is then checked instead.
 */
final class Hostility {

    /** One hostile request, what it is, and which statuses are right for it. */
    record Attack(String kind, RawHttp.Request request, Set<Integer> expected, String field) {
    }

    /** A class of hostile input; answers empty when it cannot break this draft. */
    record Breaker(String kind, Function<Draft, Optional<Attack>> breaks) {
    }

    private static final Set<Integer> ANY = Set.of();
    private static final Set<Integer> MALFORMED = Set.of(400);
    private static final Set<Integer> INVALID = Set.of(422);
    private static final Set<Integer> REFUSED = Set.of(400, 422);
    private static final String HOLE = "FUZZHOLE7f3a";

    static final List<String> FAR_INSTANTS = List.of(
            "+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00", "0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59-18:00", "+10000-01-01T00:00:00Z");
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
    private final List<Breaker> breakers;

    Hostility(ApiOperations api, Draw draw) {
        this.api = api;
        this.draw = draw;
        this.breakers = List.of(
                new Breaker("duplicate keys", this::duplicateKey),
                new Breaker("trailing garbage", this::trailingGarbage),
                new Breaker("truncated JSON", this::truncated),
                new Breaker("wrong JSON type", this::wrongType),
                new Breaker("missing required field", this::missingRequired),
                new Breaker("unknown field", this::unknownField),
                new Breaker("deeply nested JSON", this::deeplyNested),
                new Breaker("body over the limit", this::hugeBody),
                new Breaker("empty body", this::emptyBody),
                new Breaker("not JSON media type", this::notJson),
                new Breaker("invalid UTF-8 in text", this::invalidUtf8),
                new Breaker("lone surrogate in text", this::loneSurrogate),
                new Breaker("C0 control in text", this::controlInText),
                new Breaker("text over its length", this::overLength),
                new Breaker("text at its length", this::atLength),
                new Breaker("blank text", this::blankText),
                new Breaker("script and SQL text", this::scriptAndSql),
                new Breaker("far date in body", this::farDate),
                new Breaker("malformed date in body", this::malformedDate),
                new Breaker("occurredAt before launch", this::beforeLaunch),
                new Breaker("enum by number", this::enumByNumber),
                new Breaker("invalid id in body", this::invalidId),
                new Breaker("list over its limit", this::hugeList),
                new Breaker("empty header value", this::emptyHeader),
                new Breaker("malformed If-Match", this::malformedIfMatch),
                new Breaker("malformed Idempotency-Key", this::malformedIdempotencyKey),
                new Breaker("very long header", this::longHeader),
                new Breaker("control byte in header", this::controlInHeader),
                new Breaker("very long URI", this::longUri),
                new Breaker("malformed percent-encoding in path", this::malformedPath),
                new Breaker("non-UUID initiative id", this::nonUuid),
                new Breaker("raw bytes in request target", this::rawBytesInTarget),
                new Breaker("bad query number", this::badQueryNumber),
                new Breaker("enum by number in query", this::queryEnumByNumber),
                new Breaker("far asOf", this::farAsOf),
                new Breaker("control character in query", this::controlInQuery),
                new Breaker("minVersion beyond the store", this::minVersionBeyond),
                new Breaker("method not allowed", this::wrongMethod));
    }

    List<Breaker> all() {
        return breakers;
    }

    // ---- body syntax ----

    private Optional<Attack> duplicateKey(Draft draft) {
        return firstKey(draft).map(key -> {
            String duplicate = "{\"" + key + "\":\"first value\",";
            byte[] sent = draft.bodyBytes();
            byte[] body = concat(duplicate.getBytes(StandardCharsets.UTF_8), slice(sent, 1));
            return attack("duplicate keys", draft, draft.target(), body, MALFORMED, key);
        });
    }

    private Optional<Attack> trailingGarbage(Draft draft) {
        return withBody(draft).map(d -> attack("trailing garbage", d, d.target(),
                concat(d.bodyBytes(), draw.oneOf(List.of("garbage", "}", "{}", "]", ",", "x", "\"", "{\"a\":1}"))
                        .getBytes(StandardCharsets.UTF_8)), MALFORMED, null));
    }

    private Optional<Attack> truncated(Draft draft) {
        return withBody(draft).map(d -> {
            byte[] sent = d.bodyBytes();
            return attack("truncated JSON", d, d.target(), slice(sent, 0, draw.between(1, sent.length - 1)),
                    MALFORMED, null);
        });
    }

    private Optional<Attack> wrongType(Draft draft) {
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

    private Optional<Attack> missingRequired(Draft draft) {
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

    private Optional<Attack> unknownField(Draft draft) {
        return withBody(draft).map(d -> {
            Draft broken = d.copy();
            String name = draw.oneOf(List.of("fuzzExtra", "__proto__", "constructor", "initiativeId", "version",
                    "eventId", "recordedAt", "x".repeat(500)));
            broken.body.set(name, draw.oneOf(List.of(JsonNodeFactory.instance.textNode("extra"),
                    JsonNodeFactory.instance.objectNode().put("admin", true), JsonNodeFactory.instance.nullNode())));
            return attack("unknown field", broken, broken.target(), broken.bodyBytes(), ANY, null);
        });
    }

    private Optional<Attack> deeplyNested(Draft draft) {
        return withBody(draft).map(d -> {
            int depth = draw.oneOf(List.of(1_500, 20_000, 100_000));
            String key = firstKey(d).orElse("title");
            String body = "{\"" + key + "\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            return attack("deeply nested JSON", d, d.target(), body.getBytes(StandardCharsets.UTF_8),
                    Set.of(400, 413), key);
        });
    }

    private Optional<Attack> hugeBody(Draft draft) {
        return withBody(draft).map(d -> {
            Draft broken = d.copy();
            broken.body.put("padding", "p".repeat(300 * 1024));
            return attack("body over the limit", broken, broken.target(), broken.bodyBytes(), Set.of(413), null);
        });
    }

    private Optional<Attack> emptyBody(Draft draft) {
        if (!draft.operation.bodyRequired()) {
            return Optional.empty();
        }
        return Optional.of(attack("empty body", draft, draft.target(), new byte[0], MALFORMED, null));
    }

    private Optional<Attack> notJson(Draft draft) {
        return withBody(draft).map(d -> new Attack("not JSON media type",
                d.toRequest().withHeader("Content-Type", draw.oneOf(List.of("text/plain", "application/xml",
                        "application/x-www-form-urlencoded"))), Set.of(415), null));
    }

    // ---- text ----

    private Optional<Attack> invalidUtf8(Draft draft) {
        return holeInText(draft, "invalid UTF-8 in text", draw.oneOf(INVALID_UTF8), MALFORMED);
    }

    private Optional<Attack> loneSurrogate(Draft draft) {
        return holeInText(draft, "lone surrogate in text", ascii(draw.oneOf(LONE_SURROGATES)), REFUSED);
    }

    private Optional<Attack> controlInText(Draft draft) {
        if (draw.chance(0.2)) {
            // A raw control byte inside a JSON string is not JSON at all.
            return holeInText(draft, "C0 control in text", bytes('a', draw.between(0, 0x1f), 'b'), REFUSED);
        }
        return holeInText(draft, "C0 control in text", ascii(draw.oneOf(CONTROL_ESCAPES)), INVALID);
    }

    private Optional<Attack> overLength(Draft draft) {
        return textField(draft).map(field -> {
            Draft broken = draft.copy();
            String unit = draw.chance(0.5) ? "a" : "😀";
            BodyFields.set(broken.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(unit.repeat(field.maxLength() + 1)));
            return attack("text over its length", broken, broken.target(), broken.bodyBytes(), INVALID, field.name());
        });
    }

    private Optional<Attack> atLength(Draft draft) {
        return textField(draft).map(field -> {
            Draft boundary = draft.copy();
            String unit = draw.chance(0.5) ? "a" : "😀";
            BodyFields.set(boundary.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(unit.repeat(field.maxLength())));
            return attack("text at its length", boundary, boundary.target(), boundary.bodyBytes(), ANY, field.name());
        });
    }

    private Optional<Attack> blankText(Draft draft) {
        return textField(draft).map(field -> {
            Draft broken = draft.copy();
            BodyFields.set(broken.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(draw.oneOf(List.of("", " ", "\t\n", "  \n  "))));
            return attack("blank text", broken, broken.target(), broken.bodyBytes(), INVALID, field.name());
        });
    }

    private Optional<Attack> scriptAndSql(Draft draft) {
        return textField(draft).map(field -> {
            Draft stored = draft.copy();
            BodyFields.set(stored.body, field.pointer(),
                    JsonNodeFactory.instance.textNode(draw.oneOf(ValidRequests.SCRIPT_AND_SQL)));
            return attack("script and SQL text", stored, stored.target(), stored.bodyBytes(), ANY, field.name());
        });
    }

    // ---- dates, enums, ids, lists ----

    private Optional<Attack> farDate(Draft draft) {
        return dateField(draft).map(field -> setField(draft, field, "far date in body",
                JsonNodeFactory.instance.textNode(field.name().equals("targetDate") && draw.chance(0.5)
                        ? draw.oneOf(List.of("+999999999-12-31", "0001-01-01", "-0001-01-01"))
                        : draw.oneOf(FAR_INSTANTS)), INVALID));
    }

    private Optional<Attack> malformedDate(Draft draft) {
        return dateField(draft).map(field -> setField(draft, field, "malformed date in body",
                JsonNodeFactory.instance.textNode(draw.oneOf(MALFORMED_INSTANTS)), REFUSED));
    }

    private Optional<Attack> beforeLaunch(Draft draft) {
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

    private Optional<Attack> enumByNumber(Draft draft) {
        return field(draft, kind -> kind == BodyFields.Kind.ENUM).map(field -> {
            Draft broken = draft.copy();
            BodyFields.set(broken.body, field.pointer(), JsonNodeFactory.instance.textNode(HOLE));
            String number = draw.oneOf(List.of("\"0\"", "0", "\"1\"", "4", "\"-1\"", "1.0"));
            return attack("enum by number", broken, broken.target(),
                    replace(broken.bodyBytes(), "\"" + HOLE + "\"", ascii(number)), MALFORMED, field.name());
        });
    }

    private Optional<Attack> invalidId(Draft draft) {
        return field(draft, kind -> kind == BodyFields.Kind.ID).map(field -> setField(draft, field, "invalid id in body",
                JsonNodeFactory.instance.textNode(draw.oneOf(List.of("", "has space", "x".repeat(129), "ünïcode",
                        "a/b", "a\0b", "<script>", "'; --"))), INVALID));
    }

    private Optional<Attack> hugeList(Draft draft) {
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

    // ---- headers ----

    private Optional<Attack> emptyHeader(Draft draft) {
        List<String> headers = headerParameters(draft);
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        String name = draw.oneOf(headers);
        return Optional.of(new Attack("empty header value", draft.toRequest().withHeader(name, ""), MALFORMED, name));
    }

    private Optional<Attack> malformedIfMatch(Draft draft) {
        if (!headerParameters(draft).contains("If-Match")) {
            return Optional.empty();
        }
        String value = draw.oneOf(List.of("abc", "\"1", "W/", "\"-1\"", "\"99999999999999999999999\"", "\"1.5\"",
                "**", "\"\"", "W/\"x\""));
        return Optional.of(new Attack("malformed If-Match", draft.toRequest().withHeader("If-Match", value),
                MALFORMED, "If-Match"));
    }

    private Optional<Attack> malformedIdempotencyKey(Draft draft) {
        if (!headerParameters(draft).contains("Idempotency-Key")) {
            return Optional.empty();
        }
        String value = draw.oneOf(List.of("k".repeat(256), "has space", "caf\u00e9", "tab\there"));
        return Optional.of(new Attack("malformed Idempotency-Key",
                draft.toRequest().withHeader("Idempotency-Key", value), MALFORMED, "Idempotency-Key"));
    }

    private Optional<Attack> longHeader(Draft draft) {
        List<String> declared = headerParameters(draft).stream().filter(h -> !h.equals("If-Match")).toList();
        if (!declared.isEmpty() && draw.chance(0.5)) {
            String name = draw.oneOf(declared);
            return Optional.of(new Attack("header over its length", draft.toRequest().withHeader(name, "h".repeat(
                    draw.oneOf(List.of(256, 4_000)))), MALFORMED, name));
        }
        String name = draw.oneOf(List.of("X-Fuzz", "Idempotency-Key", "X-Correlation-Id", "If-Match"));
        return Optional.of(new Attack("very long header", draft.toRequest().withHeader(name, "h".repeat(70_000)),
                Set.of(431), null));
    }

    private Optional<Attack> controlInHeader(Draft draft) {
        String name = draw.oneOf(List.of("X-Correlation-Id", "Idempotency-Key", "X-Fuzz"));
        String value = "a" + (char) draw.oneOf(List.of(0x00, 0x01, 0x0b, 0x1f, 0x7f)).intValue() + "b";
        return Optional.of(new Attack("control byte in header", draft.toRequest().withHeader(name, value),
                MALFORMED, null));
    }

    // ---- request target ----

    private Optional<Attack> longUri(Draft draft) {
        String separator = draft.query.isEmpty() ? "?" : "&";
        String target = draft.target() + separator + "pad=" + "u".repeat(draw.oneOf(List.of(9_000, 70_000)));
        return Optional.of(new Attack("very long URI", draft.toRequest(target, draft.bodyBytes()), Set.of(414), null));
    }

    private Optional<Attack> malformedPath(Draft draft) {
        if (draft.path.isEmpty()) {
            return Optional.empty();
        }
        String name = draw.oneOf(List.copyOf(draft.path.keySet()));
        String raw = draw.oneOf(List.of("%zz", "%", "%2", "abc%zzdef", "%00", "%ff%fe", "%C0%AF"));
        String target = draft.operation.path().replace("{" + name + "}", raw);
        for (var parameter : draft.path.entrySet()) {
            target = target.replace("{" + parameter.getKey() + "}", Draft.encode(parameter.getValue()));
        }
        return Optional.of(new Attack("malformed percent-encoding in path",
                draft.toRequest(target + draft.encodedQuery(), draft.bodyBytes()), Set.of(400, 404, 422), name));
    }

    private Optional<Attack> nonUuid(Draft draft) {
        if (!draft.path.containsKey("initiativeId")) {
            return Optional.empty();
        }
        Draft broken = draft.copy();
        broken.path.put("initiativeId", draw.oneOf(List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g",
                "..", "x".repeat(300), "' OR '1'='1", "7B1F3C52-9A4E-4D2B-8F61-0C5E2A9D4B17-extra")));
        return Optional.of(attack("non-UUID initiative id", broken, broken.target(), broken.bodyBytes(),
                Set.of(404), null));
    }

    private Optional<Attack> rawBytesInTarget(Draft draft) {
        String raw = draw.oneOf(List.of("\u00e9", "\u00c3\u00a9", "\u00ff", " ", "\""));
        String target = draft.encodedPath() + raw + draft.encodedQuery();
        return Optional.of(new Attack("raw bytes in request target", draft.toRequest(target, draft.bodyBytes()),
                Set.of(400, 404, 422), null));
    }

    private Optional<Attack> badQueryNumber(Draft draft) {
        List<String> numbers = draft.operation.in("query").stream()
                .filter(p -> p.schema().path("type").asText().equals("integer"))
                .map(ApiOperations.Parameter::name).toList();
        if (numbers.isEmpty()) {
            return Optional.empty();
        }
        String name = draw.oneOf(numbers);
        Draft broken = draft.copy();
        broken.query.put(name, draw.oneOf(List.of("abc", "-1", "1.5", "99999999999999999999", "0x10", "1e3",
                " 1", "\u0661")));
        return Optional.of(attack("bad query number", broken, broken.target(), broken.bodyBytes(), MALFORMED, name));
    }

    private Optional<Attack> queryEnumByNumber(Draft draft) {
        List<String> enums = draft.operation.in("query").stream()
                .filter(p -> p.schema().has("enum")).map(ApiOperations.Parameter::name).toList();
        if (enums.isEmpty()) {
            return Optional.empty();
        }
        String name = draw.oneOf(enums);
        Draft broken = draft.copy();
        broken.query.put(name, draw.oneOf(List.of("0", "1", "-1")));
        return Optional.of(attack("enum by number in query", broken, broken.target(), broken.bodyBytes(),
                MALFORMED, name));
    }

    private Optional<Attack> farAsOf(Draft draft) {
        if (draft.operation.in("query").stream().noneMatch(p -> p.name().equals("asOf"))) {
            return Optional.empty();
        }
        Draft broken = draft.copy();
        broken.query.put("asOf", draw.oneOf(FAR_INSTANTS));
        return Optional.of(attack("far asOf", broken, broken.target(), broken.bodyBytes(), MALFORMED, "asOf"));
    }

    private Optional<Attack> controlInQuery(Draft draft) {
        List<String> texts = draft.operation.in("query").stream()
                .filter(p -> p.schema().path("type").asText().equals("string") && !p.schema().has("enum")
                        && !p.schema().has("format"))
                .map(ApiOperations.Parameter::name).toList();
        if (texts.isEmpty()) {
            return Optional.empty();
        }
        String name = draw.oneOf(texts);
        String value = draw.oneOf(List.of("%00", "a%00b", "%01", "%1B", "%C0%AF", "%ED%A0%80", "%FF"));
        Draft rest = draft.copy();
        rest.query.remove(name);
        String target = rest.target() + (rest.query.isEmpty() ? "?" : "&") + name + "=" + value;
        return Optional.of(new Attack("control character in query", draft.toRequest(target, draft.bodyBytes()),
                REFUSED, name));
    }

    private Optional<Attack> minVersionBeyond(Draft draft) {
        if (draft.initiative == null
                || draft.operation.in("query").stream().noneMatch(p -> p.name().equals("minVersion"))) {
            return Optional.empty();
        }
        Draft broken = draft.copy();
        broken.query.remove("asOf");
        broken.query.put("minVersion", Long.toString(draft.initiative.version + draw.between(1000, 100_000)));
        return Optional.of(attack("minVersion beyond the store", broken, broken.target(), broken.bodyBytes(),
                MALFORMED, "minVersion"));
    }

    private Optional<Attack> wrongMethod(Draft draft) {
        String method = draw.oneOf(List.of("PUT", "PATCH", "TRACE"));
        RawHttp.Request sent = draft.toRequest();
        return Optional.of(new Attack("method not allowed",
                RawHttp.request(method, sent.target(), sent.headers(), sent.body()), ANY, null));
    }

    // ---- helpers ----

    private Attack attack(String kind, Draft draft, String target, byte[] body, Set<Integer> expected, String field) {
        return new Attack(kind, draft.toRequest(target, body), expected, field);
    }

    private Attack setField(Draft draft, BodyFields.Field field, String kind, JsonNode value, Set<Integer> expected) {
        Draft broken = draft.copy();
        BodyFields.set(broken.body, field.pointer(), value);
        return attack(kind, broken, broken.target(), broken.bodyBytes(), expected, field.name());
    }

    private Optional<Attack> holeInText(Draft draft, String kind, byte[] raw, Set<Integer> expected) {
        return textField(draft).map(field -> {
            Draft broken = draft.copy();
            BodyFields.set(broken.body, field.pointer(), JsonNodeFactory.instance.textNode("t" + HOLE + "t"));
            return attack(kind, broken, broken.target(), replace(broken.bodyBytes(), HOLE, raw), expected,
                    field.name());
        });
    }

    private List<String> headerParameters(Draft draft) {
        return draft.operation.in("header").stream().map(ApiOperations.Parameter::name).toList();
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

    private Optional<BodyFields.Field> field(Draft draft, java.util.function.Predicate<BodyFields.Kind> kind) {
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
        if (draft.body == null || occurredAt == null || (present.isPresent() && draw.chance(0.5))) {
            return present;
        }
        return Optional.of(new BodyFields.Field(JsonPointer.compile("/" + ValidRequests.OCCURRED_AT),
                ValidRequests.OCCURRED_AT, api.resolve(occurredAt), BodyFields.Kind.DATE, false));
    }

    static byte[] replace(byte[] in, String marker, byte[] with) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        return concat(slice(in, 0, at), with, slice(in, at + marker.length()));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] in, int from) {
        return slice(in, from, in.length);
    }

    private static byte[] slice(byte[] in, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(in, from, out, 0, to - from);
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
