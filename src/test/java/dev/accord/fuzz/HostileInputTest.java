package dev.accord.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accord.initiative.api.InitiativeClient;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.accord.fuzz.Hostility.ascii;
import static dev.accord.fuzz.Hostility.bytes;
import static dev.accord.fuzz.Hostility.concat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Hostile input, one class per test, sent byte for byte: each is refused with a 4xx
 * problem+json naming the field at fault, or stored and returned exactly as sent. Never a 5xx,
 * never an empty error, never a stalled initiative.
 */
@QuarkusTest
class HostileInputTest {

    private static final String TOO_FAR = "+999999999-12-31T23:59:59-18:00";

    @TestHTTPResource("/")
    URI base;

    private RawHttp http;
    private InitiativeClient initiative;
    private String member;

    @BeforeEach
    void anInitiativeWithAMember() {
        http = new RawHttp(base);
        initiative = InitiativeClient.aLaunchedInitiative();
        member = initiative.joined("sales");
    }

    // ---- JSON read strictly ----

    @Test
    void a_json_object_with_a_duplicate_key_is_400_on_every_kind_of_command() {
        problem(post("", "{\"title\":\"One\",\"title\":\"Two\",\"strategy\":\"s\",\"sponsor\":" + person("dup-1", "exec")
                + "}"), 400);
        problem(post("/" + initiative.id + "/participants",
                "{\"personId\":\"dup-2\",\"personId\":\"dup-3\",\"displayName\":\"D\",\"unit\":\"u\",\"role\":\"r\"}"), 400);
        problem(post("/" + initiative.id + "/feedback", "{\"from\":\"" + initiative.sponsor + "\",\"to\":\"" + member
                + "\",\"text\":\"a\",\"text\":\"b\"}"), 400);
    }

    @Test
    void content_after_the_json_value_is_400() {
        for (String garbage : List.of("garbage", "}", "{}", "{\"a\":1}", "]")) {
            problem(post("/" + initiative.id + "/feedback", feedback("trailing") + garbage), 400);
        }
    }

    @Test
    void an_enum_given_as_a_number_is_400_not_read_as_its_position() {
        String possibility = initiative.possibility(initiative.sponsor, List.of(member), List.of());
        for (String stance : List.of("\"0\"", "\"1\"", "0", "4")) {
            problem(post("/" + initiative.id + "/possibilities/" + possibility + "/responses",
                    "{\"personId\":\"" + member + "\",\"stance\":" + stance + "}"), 400);
        }
    }

    @Test
    void a_number_or_a_boolean_where_text_belongs_is_refused_not_turned_into_text() {
        for (String value : List.of("42", "true", "1e3")) {
            RawHttp.Response answer = post("/" + initiative.id + "/feedback", "{\"from\":\"" + initiative.sponsor
                    + "\",\"to\":\"" + member + "\",\"text\":" + value + "}");
            assertTrue(answer.status() == 400 || answer.status() == 422, value + " as text: " + answer.describe());
            problem(answer, answer.status());
        }
    }

    @Test
    void deeply_nested_and_huge_json_is_refused_with_a_problem() {
        String nested = "{\"title\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";
        problem(post("", nested), 400);
        problem(post("", "{\"title\":\"" + "x".repeat(300 * 1024) + "\"}"), 413);
    }

    @Test
    void unknown_fields_are_refused_naming_each_and_nothing_is_stored() {
        String events = "/api/v1/initiatives/" + initiative.id + "/events?fromVersion=1&limit=1000";
        String before = new String(http.send(RawHttp.get(events)).body(), java.nio.charset.StandardCharsets.UTF_8);
        RawHttp.Response answer = post("/" + initiative.id + "/feedback", "{\"from\":\"" + initiative.sponsor
                + "\",\"to\":\"" + member + "\",\"text\":\"known\",\"__proto__\":{\"admin\":true},\"version\":99}");
        RawHttp.Response problem = problem(answer, 422);
        named(problem, "__proto__");
        named(problem, "version");
        assertEquals(before, new String(http.send(RawHttp.get(events)).body(), java.nio.charset.StandardCharsets.UTF_8),
                "nothing may be appended for a refused request");
    }

    // ---- text ----

    @Test
    void a_lone_surrogate_in_text_is_refused_not_stored_as_a_question_mark() {
        for (String lone : List.of("\\ud800", "a\\udc00b", "\\ud83d")) {
            RawHttp.Response answer = post("/" + initiative.id + "/feedback", feedbackRaw(ascii("\"" + lone + "\"")));
            assertTrue(answer.status() == 400 || answer.status() == 422, lone + ": " + answer.describe());
            named(problem(answer, answer.status()), "text");
        }
    }

    @Test
    void an_overlong_or_truncated_utf8_sequence_is_400_not_decoded() {
        for (byte[] invalid : List.of(bytes(0xC0, 0xAF), bytes(0xE0, 0x80, 0xAF), bytes(0xE2, 0x82), bytes(0xFF),
                bytes(0xED, 0xA0, 0x80))) {
            problem(post("/" + initiative.id + "/feedback",
                    feedbackRaw(concat(ascii("\"a"), invalid, ascii("b\"")))), 400);
        }
    }

    @Test
    void a_nul_or_other_c0_control_in_body_text_is_422_naming_the_field() {
        for (String control : List.of("\\u0000", "a\\u0000b", "\\u0001", "\\u001b[31m", "\\u000b", "\\u000d")) {
            named(problem(post("/" + initiative.id + "/feedback", feedbackRaw(ascii("\"x" + control + "\""))), 422),
                    "text");
        }
        named(problem(post("/" + initiative.id + "/participants", "{\"personId\":\"nul-unit\",\"displayName\":\"N\","
                + "\"unit\":\"sa\\u0000les\",\"role\":\"r\"}"), 422), "unit");
    }

    @Test
    void tab_and_newline_in_text_are_stored_verbatim() {
        RawHttp.Response answer = post("/" + initiative.id + "/feedback", feedbackRaw(ascii("\"one\\ttwo\\nthree\"")));
        assertEquals(201, answer.status(), answer.describe());
        assertEquals("one\ttwo\nthree", storedData(answer).path("text").asText());
    }

    @Test
    void script_and_sql_strings_are_stored_and_returned_verbatim() {
        for (String text : ValidRequests.SCRIPT_AND_SQL) {
            RawHttp.Response answer = post("/" + initiative.id + "/feedback", feedbackRaw(json(text)));
            assertEquals(201, answer.status(), answer.describe());
            assertEquals(text, storedData(answer).path("text").asText());
            long version = Answers.parse(answer).path("version").asLong();
            JsonNode details = Answers.parse(http.send(RawHttp.get("/api/v1/initiatives/" + initiative.id
                    + "?minVersion=" + version)));
            List<String> texts = new ArrayList<>();
            details.path("feedback").forEach(f -> texts.add(f.path("text").asText()));
            assertTrue(texts.contains(text), "read model lost " + text + ": " + texts);
        }
    }

    @Test
    void text_of_4000_code_points_is_stored_and_4001_is_422() {
        String emoji = "😀".repeat(4000);
        RawHttp.Response answer = post("/" + initiative.id + "/feedback", feedbackRaw(json(emoji)));
        assertEquals(201, answer.status(), answer.describe());
        assertEquals(emoji, storedData(answer).path("text").asText());
        named(problem(post("/" + initiative.id + "/feedback", feedbackRaw(json(emoji + "a"))), 422), "text");
    }

    @Test
    void a_leave_reason_of_4000_characters_is_accepted_and_stored_verbatim() {
        String reason = "Moved on. ".repeat(400);
        RawHttp.Response answer = http.send(RawHttp.request("DELETE", "/api/v1/initiatives/" + initiative.id
                + "/participants/" + member + "?reason=" + Draft.encode(reason), List.of(), null));
        assertEquals(200, answer.status(), answer.describe());
        assertEquals(reason, storedData(answer).path("reason").asText());
    }

    @Test
    void an_id_outside_its_character_set_is_422_naming_the_field() {
        for (String id : List.of("has space", "x".repeat(129), "ünïcode", "a\\u0000b", "")) {
            named(problem(post("/" + initiative.id + "/participants", "{\"personId\":\"" + id
                    + "\",\"displayName\":\"D\",\"unit\":\"u\",\"role\":\"r\"}"), 422), "personId");
        }
    }

    // ---- headers and the request line ----

    @Test
    void empty_header_values_are_400_not_taken_as_absent() {
        for (String header : List.of("If-Match", "Idempotency-Key", "X-Correlation-Id")) {
            RawHttp.Request request = RawHttp.json("POST", "/api/v1/initiatives/" + initiative.id + "/feedback",
                    feedback("empty " + header)).withHeader(header, "");
            named(problem(http.send(request), 400), header);
        }
    }

    @Test
    void a_malformed_if_match_or_idempotency_key_is_400() {
        for (String ifMatch : List.of("\"1", "abc", "W/", "\"-1\"", "\"99999999999999999999999\"")) {
            problem(http.send(RawHttp.json("POST", "/api/v1/initiatives/" + initiative.id + "/feedback",
                    feedback("if-match")).withHeader("If-Match", ifMatch)), 400);
        }
        for (String key : List.of("k".repeat(256), "has space", "caf\u00e9")) {
            problem(http.send(RawHttp.json("POST", "/api/v1/initiatives/" + initiative.id + "/feedback",
                    feedback("key")).withHeader("Idempotency-Key", key)), 400);
        }
    }

    @Test
    void a_uri_too_long_is_414_problem_json() {
        problem(http.send(RawHttp.get("/api/v1/initiatives?unit=" + "u".repeat(70_000))), 414);
    }

    @Test
    void headers_too_large_are_431_problem_json() {
        problem(http.send(RawHttp.get("/api/v1/portfolio").withHeader("X-Big", "h".repeat(70_000))), 431);
    }

    @Test
    void a_malformed_path_is_a_4xx_problem_json() {
        for (String path : List.of("/api/v1/initiatives/%zz", "/api/v1/initiatives/%/participants",
                "/api/v1/people/%/engagement", "/api/v1/initiatives/" + initiative.id + "/commitments/%C0%AF/fulfilment")) {
            RawHttp.Response answer = http.send(RawHttp.get(path));
            assertTrue(answer.status() >= 400 && answer.status() < 500, path + ": " + answer.describe());
            problem(answer, answer.status());
        }
    }

    /** The transport refuses it while decoding, before Accord runs, so no problem body can be given. */
    @Test
    void a_control_byte_in_a_header_is_refused_with_400_by_the_transport() {
        RawHttp.Response answer = http.send(RawHttp.get("/api/v1/portfolio").withHeader("X-Correlation-Id", "a\u0001b"));
        assertEquals(400, answer.status(), answer.describe());
    }

    // ---- time ----

    @Test
    void an_event_before_the_launch_is_422_naming_occurred_at() {
        named(problem(post("/" + initiative.id + "/relationships", "{\"participants\":[\"" + initiative.sponsor + "\",\""
                + member + "\"],\"mutualUnderstanding\":\"m\",\"occurredAt\":\"2001-01-01T00:00:00Z\"}"), 422),
                "occurredAt");
    }

    @Test
    void a_fulfilment_before_its_commitment_is_422_naming_occurred_at() throws InterruptedException {
        Thread.sleep(2_500);
        RawHttp.Response made = post("/" + initiative.id + "/commitments", "{\"personId\":\"" + member
                + "\",\"role\":\"r\",\"result\":\"x\",\"dueBy\":\"" + Instant.now().plus(30, ChronoUnit.DAYS) + "\"}");
        assertEquals(201, made.status(), made.describe());
        JsonNode receipt = Answers.parse(made);
        Instant committed = Instant.parse(receipt.path("recordedAt").asText());
        named(problem(post("/" + initiative.id + "/commitments/" + receipt.path("commitmentId").asText() + "/fulfilment",
                "{\"occurredAt\":\"" + committed.minusSeconds(1) + "\"}"), 422), "occurredAt");
    }

    @Test
    void a_date_outside_years_1900_to_9999_in_a_body_is_422_naming_the_field() {
        for (String far : List.of(TOO_FAR, "0001-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59-18:00")) {
            named(problem(post("/" + initiative.id + "/commitments", "{\"personId\":\"" + member
                    + "\",\"role\":\"r\",\"result\":\"x\",\"dueBy\":\"" + far + "\"}"), 422), "dueBy");
        }
        named(problem(post("", "{\"title\":\"t\",\"strategy\":\"s\",\"sponsor\":" + person("far-date", "exec")
                + ",\"targetDate\":\"+999999999-12-31\"}"), 422), "targetDate");
        named(problem(post("/" + initiative.id + "/feedback", "{\"from\":\"" + initiative.sponsor + "\",\"to\":\""
                + member + "\",\"text\":\"t\",\"occurredAt\":\"" + TOO_FAR + "\"}"), 422), "occurredAt");
    }

    @Test
    void the_last_moment_of_9999_is_accepted_and_the_projection_goes_on() {
        RawHttp.Response made = post("/" + initiative.id + "/commitments", "{\"personId\":\"" + member
                + "\",\"role\":\"r\",\"result\":\"x\",\"dueBy\":\"9999-12-31T23:59:59Z\"}");
        assertEquals(201, made.status(), made.describe());
        assertReadableAt(initiative.id, Answers.parse(made).path("version").asLong());
    }

    @Test
    void an_as_of_outside_years_1900_to_9999_is_400_naming_as_of() {
        for (String far : List.of(TOO_FAR, "-999999999-01-01T00:00:00+18:00", "0001-01-01T00:00:00Z",
                "9999-12-31T23:59:59-18:00")) {
            named(problem(http.send(RawHttp.get("/api/v1/initiatives/" + initiative.id + "/alignment?asOf="
                    + Draft.encode(far))), 400), "asOf");
        }
    }

    // ---- query parameters ----

    @Test
    void a_nul_or_invalid_utf8_in_the_unit_query_is_400() {
        for (String unit : List.of("%00", "a%00b", "%01", "%C0%AF", "%FF")) {
            named(problem(http.send(RawHttp.get("/api/v1/initiatives?unit=" + unit)), 400), "unit");
        }
    }

    @Test
    void a_min_version_beyond_the_store_is_answered_at_once_with_400() {
        Instant asked = Instant.now();
        RawHttp.Response answer = http.send(RawHttp.get("/api/v1/initiatives/" + initiative.id
                + "/alignment?minVersion=" + (initiative.version() + 1000)));
        assertTrue(Duration.between(asked, Instant.now()).toMillis() < 2_000, "held the request for "
                + Duration.between(asked, Instant.now()));
        named(problem(answer, 400), "minVersion");
    }

    // ---- load of one initiative ----

    @Test
    void five_hundred_participants_in_distinct_units_keep_every_initiative_readable() {
        InitiativeClient crowded = InitiativeClient.aLaunchedInitiative();
        long version = 1;
        for (int i = 0; i < 500; i++) {
            RawHttp.Response joined = post("/" + crowded.id + "/participants", person("crowd-" + i + "-" + crowded.id
                    .substring(0, 8), "unit-" + i));
            if (i >= 47) {
                // 50 units at most per initiative (exec, sales, finance and 47 more): the initiative is full
                problem(joined, 409);
                continue;
            }
            assertEquals(200, joined.status(), joined.describe());
            version = Answers.parse(joined).path("version").asLong();
        }
        assertReadableAt(crowded.id, version);
        RawHttp.Response elsewhere = post("/" + initiative.id + "/feedback", feedback("after the crowd"));
        assertEquals(201, elsewhere.status(), elsewhere.describe());
        assertReadableAt(initiative.id, Answers.parse(elsewhere).path("version").asLong());
    }

    // ---- helpers ----

    private void assertReadableAt(String initiativeId, long version) {
        Instant deadline = Instant.now().plusSeconds(30);
        RawHttp.Request read = RawHttp.get("/api/v1/initiatives/" + initiativeId + "/alignment?minVersion=" + version);
        RawHttp.Response answer = http.send(read);
        while (answer.status() == 503 && Instant.now().isBefore(deadline)) {
            answer = http.send(read);
        }
        assertEquals(200, answer.status(), "alignment of " + initiativeId + " at version " + version + ": "
                + answer.describe());
    }

    private RawHttp.Response post(String underInitiatives, String body) {
        return http.send(RawHttp.json("POST", "/api/v1/initiatives" + underInitiatives, body));
    }

    private RawHttp.Response post(String underInitiatives, byte[] body) {
        return http.send(RawHttp.request("POST", "/api/v1/initiatives" + underInitiatives,
                List.of(new RawHttp.Header("Content-Type", "application/json")), body));
    }

    private String feedback(String text) {
        return new String(feedbackRaw(json(text)), StandardCharsets.UTF_8);
    }

    private byte[] feedbackRaw(byte[] textValue) {
        return concat(ascii("{\"from\":\"" + initiative.sponsor + "\",\"to\":\"" + member + "\",\"text\":"), textValue,
                ascii("}"));
    }

    private static byte[] json(String text) {
        try {
            return Draft.JSON.writeValueAsBytes(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String person(String personId, String unit) {
        return "{\"personId\":\"" + personId + "\",\"displayName\":\"Person\",\"unit\":\"" + unit + "\",\"role\":\"r\"}";
    }

    /** The data of the event an accepted command recorded, from the event store of record. */
    private JsonNode storedData(RawHttp.Response accepted) {
        JsonNode receipt = Answers.parse(accepted);
        RawHttp.Response events = http.send(RawHttp.get("/api/v1/initiatives/" + receipt.path("initiativeId").asText()
                + "/events?fromVersion=" + receipt.path("version").asLong() + "&limit=1"));
        assertEquals(200, events.status(), events.describe());
        return Answers.parse(events).path(0).path("data");
    }

    private static RawHttp.Response problem(RawHttp.Response answer, int status) {
        List<String> broken = Answers.broken(answer, Set.of(status), null);
        if (!broken.isEmpty()) {
            fail(broken + ": " + answer.describe());
        }
        return answer;
    }

    private static void named(RawHttp.Response answer, String field) {
        assertTrue(Answers.names(answer, field), "the problem does not name " + field + ": " + answer.describe());
    }
}
