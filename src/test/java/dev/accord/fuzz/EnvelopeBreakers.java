package dev.accord.fuzz;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.accord.fuzz.Hostility.ANY;
import static dev.accord.fuzz.Hostility.FAR_INSTANTS;
import static dev.accord.fuzz.Hostility.MALFORMED;
import static dev.accord.fuzz.Hostility.REFUSED;
import static dev.accord.fuzz.Hostility.attack;

/** Hostile request lines and headers: what the HTTP layer sees before any JSON is read. */
final class EnvelopeBreakers {

    private final Draw draw;

    EnvelopeBreakers(Draw draw) {
        this.draw = draw;
    }

    List<Hostility.Breaker> all() {
        return List.of(
                new Hostility.Breaker("empty header value", this::emptyHeader),
                new Hostility.Breaker("malformed If-Match", this::malformedIfMatch),
                new Hostility.Breaker("malformed Idempotency-Key", this::malformedIdempotencyKey),
                new Hostility.Breaker("very long header", this::longHeader),
                new Hostility.Breaker("control byte in header", this::controlInHeader),
                new Hostility.Breaker("very long URI", this::longUri),
                new Hostility.Breaker("malformed percent-encoding in path", this::malformedPath),
                new Hostility.Breaker("non-UUID initiative id", this::nonUuid),
                new Hostility.Breaker("raw bytes in request target", this::rawBytesInTarget),
                new Hostility.Breaker("bad query number", this::badQueryNumber),
                new Hostility.Breaker("enum by number in query", this::queryEnumByNumber),
                new Hostility.Breaker("far asOf", this::farAsOf),
                new Hostility.Breaker("control character in query", this::controlInQuery),
                new Hostility.Breaker("minVersion beyond the store", this::minVersionBeyond),
                new Hostility.Breaker("method not allowed", this::wrongMethod));
    }

    // ---- headers ----

    private Optional<Hostility.Attack> emptyHeader(Draft draft) {
        // An empty Last-Event-ID is how an event stream says it has no id yet: it counts as absent.
        List<String> headers = headerParameters(draft).stream().filter(h -> !h.equals("Last-Event-ID")).toList();
        if (headers.isEmpty()) {
            return Optional.empty();
        }
        String name = draw.oneOf(headers);
        return Optional.of(new Hostility.Attack("empty header value", draft.toRequest().withHeader(name, ""), MALFORMED, name));
    }

    private Optional<Hostility.Attack> malformedIfMatch(Draft draft) {
        if (!headerParameters(draft).contains("If-Match")) {
            return Optional.empty();
        }
        String value = draw.oneOf(List.of("abc", "\"1", "W/", "\"-1\"", "\"99999999999999999999999\"", "\"1.5\"",
                "**", "\"\"", "W/\"x\""));
        return Optional.of(new Hostility.Attack("malformed If-Match", draft.toRequest().withHeader("If-Match", value),
                MALFORMED, "If-Match"));
    }

    private Optional<Hostility.Attack> malformedIdempotencyKey(Draft draft) {
        if (!headerParameters(draft).contains("Idempotency-Key")) {
            return Optional.empty();
        }
        String value = draw.oneOf(List.of("k".repeat(256), "has space", "caf\u00e9", "tab\there"));
        return Optional.of(new Hostility.Attack("malformed Idempotency-Key",
                draft.toRequest().withHeader("Idempotency-Key", value), MALFORMED, "Idempotency-Key"));
    }

    private Optional<Hostility.Attack> longHeader(Draft draft) {
        List<String> declared = headerParameters(draft).stream().filter(h -> !h.equals("If-Match")).toList();
        if (!declared.isEmpty() && draw.chance(0.5)) {
            String name = draw.oneOf(declared);
            return Optional.of(new Hostility.Attack("header over its length", draft.toRequest().withHeader(name, "h".repeat(
                    draw.oneOf(List.of(256, 4_000)))), MALFORMED, name));
        }
        String name = draw.oneOf(List.of("X-Fuzz", "Idempotency-Key", "X-Correlation-Id", "If-Match"));
        return Optional.of(new Hostility.Attack("very long header", draft.toRequest().withHeader(name, "h".repeat(70_000)),
                Set.of(431), null));
    }

    private Optional<Hostility.Attack> controlInHeader(Draft draft) {
        String name = draw.oneOf(List.of("X-Correlation-Id", "Idempotency-Key", "X-Fuzz"));
        String value = "a" + (char) draw.oneOf(List.of(0x00, 0x01, 0x0b, 0x1f, 0x7f)).intValue() + "b";
        return Optional.of(new Hostility.Attack("control byte in header", draft.toRequest().withHeader(name, value),
                MALFORMED, null, true));
    }

    // ---- request target ----

    private Optional<Hostility.Attack> longUri(Draft draft) {
        String separator = draft.query.isEmpty() ? "?" : "&";
        String target = draft.target() + separator + "pad=" + "u".repeat(draw.oneOf(List.of(70_000, 200_000)));
        return Optional.of(new Hostility.Attack("very long URI", draft.toRequest(target, draft.bodyBytes()), Set.of(414), null));
    }

    private Optional<Hostility.Attack> malformedPath(Draft draft) {
        if (draft.path.isEmpty()) {
            return Optional.empty();
        }
        String name = draw.oneOf(List.copyOf(draft.path.keySet()));
        String raw = draw.oneOf(List.of("%zz", "%", "%2", "abc%zzdef", "%00", "%ff%fe", "%C0%AF"));
        String target = draft.operation.path().replace("{" + name + "}", raw);
        for (var parameter : draft.path.entrySet()) {
            target = target.replace("{" + parameter.getKey() + "}", Draft.encode(parameter.getValue()));
        }
        // The router refuses a target it cannot decode before any parameter is read: no name to give.
        return Optional.of(new Hostility.Attack("malformed percent-encoding in path",
                draft.toRequest(target + draft.encodedQuery(), draft.bodyBytes()), Set.of(400, 404, 422), null));
    }

    private Optional<Hostility.Attack> nonUuid(Draft draft) {
        if (!draft.path.containsKey("initiativeId")) {
            return Optional.empty();
        }
        Draft broken = draft.copy();
        broken.path.put("initiativeId", draw.oneOf(List.of("not-a-uuid", "00000000-0000-0000-0000-00000000000g",
                "..", "x".repeat(300), "' OR '1'='1", "7B1F3C52-9A4E-4D2B-8F61-0C5E2A9D4B17-extra")));
        return Optional.of(attack("non-UUID initiative id", broken, broken.target(), broken.bodyBytes(),
                Set.of(404), null));
    }

    private Optional<Hostility.Attack> rawBytesInTarget(Draft draft) {
        // (not a space: the transport reads a request line split by an extra space leniently)
        String raw = draw.oneOf(List.of("\u00e9", "\u00c3\u00a9", "\u00ff", "\""));
        String target = draft.encodedPath() + raw + draft.encodedQuery();
        return Optional.of(new Hostility.Attack("raw bytes in request target", draft.toRequest(target, draft.bodyBytes()),
                Set.of(400, 404, 422), null));
    }

    private Optional<Hostility.Attack> badQueryNumber(Draft draft) {
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

    private Optional<Hostility.Attack> queryEnumByNumber(Draft draft) {
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

    private Optional<Hostility.Attack> farAsOf(Draft draft) {
        if (draft.operation.in("query").stream().noneMatch(p -> p.name().equals("asOf"))) {
            return Optional.empty();
        }
        Draft broken = draft.copy();
        broken.query.put("asOf", draw.oneOf(FAR_INSTANTS));
        return Optional.of(attack("far asOf", broken, broken.target(), broken.bodyBytes(), MALFORMED, "asOf"));
    }

    private Optional<Hostility.Attack> controlInQuery(Draft draft) {
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
        return Optional.of(new Hostility.Attack("control character in query", draft.toRequest(target, draft.bodyBytes()),
                REFUSED, name));
    }

    private Optional<Hostility.Attack> minVersionBeyond(Draft draft) {
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

    private Optional<Hostility.Attack> wrongMethod(Draft draft) {
        String method = draw.oneOf(List.of("PUT", "PATCH", "TRACE"));
        RawHttp.Request sent = draft.toRequest();
        return Optional.of(new Hostility.Attack("method not allowed",
                RawHttp.request(method, sent.target(), sent.headers(), sent.body()), ANY, null));
    }

    private List<String> headerParameters(Draft draft) {
        return draft.operation.in("header").stream().map(ApiOperations.Parameter::name).toList();
    }
}
