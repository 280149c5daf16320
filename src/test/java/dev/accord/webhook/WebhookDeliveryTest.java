package dev.accord.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.person;
import static dev.accord.webhook.Receiver.eventually;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Webhooks end to end against a real receiver on 127.0.0.1: subscriptions made through the API,
 * deliveries fed by real commands (and by signal records produced in the signals topic's shape),
 * retried, given up, filtered and stopped as docs/webhooks.md says. The test profile shortens the
 * backoff to 200 ms doubling up to 500 ms and the retry window to 3 s.
 */
@QuarkusTest
class WebhookDeliveryTest {

    private static final Duration SOON = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOINED = "accord.ParticipantJoined.v1";
    private static final String BAND_CHANGED = "accord.BandChanged.v1";
    /** A signal no test here causes for real (no commitment is made), so only the records a test produces carry it. */
    private static final String OVERDUE = "accord.CommitmentOverdue.v1";

    private static Receiver receiver;

    @Inject
    Pool pool;

    @Inject
    WebhookDispatcher dispatcher;

    @Inject
    DeliveryQueue queue;

    @Inject
    SubscribedTypes subscribedTypes;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "accord.topics.signals")
    String signalsTopic;

    @BeforeAll
    static void startReceiver() {
        receiver = Receiver.start();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void a_subscription_receives_the_event_of_a_real_command_as_a_signed_structured_cloud_event() throws Exception {
        String initiative = aLaunchedInitiative();
        String path = "/hr/" + UUID.randomUUID();
        JsonPath created = subscribe(receiver.url(path), List.of(JOINED), initiative);
        String personId = anyPersonId();
        JsonPath receipt = join(initiative, person(personId, "sales")).statusCode(200).extract().jsonPath();

        Receiver.Received delivery = receiver.awaitAt(path, 1, SOON).get(0);
        JsonNode event = JSON.readTree(delivery.body());
        assertEquals(receipt.getString("eventId"), event.get("id").asText());
        assertEquals(JOINED, event.get("type").asText());
        assertEquals(initiative, event.get("subject").asText());
        assertEquals("/accord/alignment", event.get("source").asText());
        assertEquals("1.0", event.get("specversion").asText());
        assertEquals(receipt.getString("version"), event.get("streamversion").asText());
        assertEquals(personId, event.at("/data/personId").asText());
        assertEquals(initiative, event.at("/data/initiativeId").asText());

        assertEquals(event.get("id").asText(), delivery.header("webhook-id"));
        assertEquals("application/cloudevents+json", delivery.header("content-type"));
        long timestamp = Long.parseLong(delivery.header("webhook-timestamp"));
        assertTrue(Math.abs(System.currentTimeMillis() / 1000 - timestamp) < 60, "the timestamp is the attempt's");
        assertEquals(WebhookSignature.sign(created.getString("secret"), delivery.header("webhook-id"), timestamp,
                delivery.body()), delivery.header("webhook-signature"), "the signature verifies with the secret");

        eventually(() -> "DELIVERED".equals(log(created.getString("id")).getString("items[0].state")), SOON,
                "the log shows the delivery");
        JsonPath log = log(created.getString("id"));
        assertEquals(1, log.getInt("totalItems"));
        assertEquals(event.get("id").asText(), log.getString("items[0].ceId"));
        assertEquals(JOINED, log.getString("items[0].type"));
        assertEquals(1, log.getInt("items[0].attempts"));
        assertEquals(204, log.getInt("items[0].lastStatusCode"));
    }

    @Test
    void a_receiver_that_fails_and_then_recovers_gets_the_delivery_on_a_retry() {
        String initiative = aLaunchedInitiative();
        String path = "/flaky/" + UUID.randomUUID();
        String id = subscribe(receiver.url(path, n -> n == 1 ? 500 : 200), List.of(JOINED), initiative).getString("id");
        join(initiative, person(anyPersonId(), "sales")).statusCode(200);

        List<Receiver.Received> attempts = receiver.awaitAt(path, 2, SOON);
        assertEquals(attempts.get(0).header("webhook-id"), attempts.get(1).header("webhook-id"),
                "a retry carries the same webhook-id");
        eventually(() -> "DELIVERED".equals(log(id).getString("items[0].state")), SOON, "the retry is logged");
        JsonPath log = log(id);
        assertEquals(2, log.getInt("items[0].attempts"));
        assertEquals(200, log.getInt("items[0].lastStatusCode"));
        given().get("/api/v1/webhooks/{id}", id).then().statusCode(200).body("status", equalTo("ACTIVE"));
    }

    @Test
    void a_receiver_that_keeps_failing_past_the_retry_window_gets_its_subscription_disabled_visibly() {
        String initiative = aLaunchedInitiative();
        String path = "/down/" + UUID.randomUUID();
        String id = subscribe(receiver.url(path, n -> 503), List.of(JOINED), initiative).getString("id");
        join(initiative, person(anyPersonId(), "sales")).statusCode(200);

        eventually(() -> "DISABLED".equals(given().get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .extract().path("status")), SOON, "the subscription is disabled");
        given().get("/api/v1/webhooks/{id}", id).then()
                .body("failure", containsString("HTTP 503"))
                .body("disabledAt", startsWith("20"));
        JsonPath log = log(id);
        assertEquals("FAILED", log.getString("items[0].state"));
        assertTrue(log.getInt("items[0].attempts") >= 3, "retried with backoff before giving up");
        assertEquals(log.getInt("items[0].attempts"), receiver.at(path).size());
        given().get("/api/v1/webhooks").then().body("items.findAll { it.id == '" + id + "' }.status",
                hasItem("DISABLED"));
    }

    @Test
    void only_subscriptions_naming_the_type_and_the_initiative_receive_a_record() throws Exception {
        String initiative = aLaunchedInitiative();
        String other = aLaunchedInitiative();
        String joins = "/joins/" + UUID.randomUUID();
        String overdues = "/overdue/" + UUID.randomUUID();
        String elsewhere = "/elsewhere/" + UUID.randomUUID();
        String everywhere = "/everywhere/" + UUID.randomUUID();
        String joinsId = subscribe(receiver.url(joins), List.of(JOINED), initiative).getString("id");
        String overdueId = subscribe(receiver.url(overdues), List.of(OVERDUE), initiative).getString("id");
        String elsewhereId = subscribe(receiver.url(elsewhere), List.of(JOINED, OVERDUE), other).getString("id");
        subscribe(receiver.url(everywhere), List.of(OVERDUE), null);

        join(initiative, person(anyPersonId(), "sales")).statusCode(200);
        String commitmentId = UUID.randomUUID().toString();
        String signalId = UUID.nameUUIDFromBytes((initiative + ":2:" + OVERDUE + ":" + commitmentId
                        + ":2026-11-20T17:00:00Z")
                .getBytes(StandardCharsets.UTF_8)).toString();
        produceSignal(initiative, signalId, OVERDUE,
                "{\"initiativeId\":\"" + initiative + "\",\"commitmentId\":\"" + commitmentId
                        + "\",\"personId\":\"ana\",\"dueBy\":\"2026-11-20T17:00:00Z\"}");

        assertEquals(JOINED, JSON.readTree(receiver.awaitAt(joins, 1, SOON).get(0).body()).get("type").asText());
        JsonNode overdue = JSON.readTree(receiver.awaitAt(overdues, 1, SOON).get(0).body());
        assertEquals(signalId, overdue.get("id").asText());
        assertEquals(commitmentId, overdue.at("/data/commitmentId").asText());
        assertTrue(receiver.awaitAt(everywhere, 1, SOON).stream()
                .anyMatch(received -> signalId.equals(received.header("webhook-id"))), "no initiative filter: all of them");
        // The feed queues one record for every matching subscription in one statement: once the
        // two records are queued for their subscribers, nothing more is coming for anyone.
        eventually(() -> log(joinsId).getInt("totalItems") == 1 && log(overdueId).getInt("totalItems") == 1, SOON,
                "both records are queued");
        assertEquals(1, log(joinsId).getInt("totalItems"), "the overdue commitment is not a join");
        assertEquals(0, log(elsewhereId).getInt("totalItems"), "another initiative's subscription gets nothing");
        assertTrue(receiver.at(elsewhere).isEmpty());
    }

    @Test
    void a_record_read_twice_is_delivered_once() {
        String initiative = aLaunchedInitiative();
        String path = "/twice/" + UUID.randomUUID();
        String id = subscribe(receiver.url(path), List.of(OVERDUE), initiative).getString("id");
        String signalId = UUID.randomUUID().toString();
        String data = "{\"initiativeId\":\"" + initiative + "\",\"commitmentId\":\"" + UUID.randomUUID()
                + "\",\"personId\":\"ana\",\"dueBy\":\"2026-11-20T17:00:00Z\"}";
        produceSignal(initiative, signalId, OVERDUE, data);
        receiver.awaitAt(path, 1, SOON);
        produceSignal(initiative, signalId, OVERDUE, data);
        String marker = UUID.randomUUID().toString();
        produceSignal(initiative, marker, OVERDUE, data);

        eventually(() -> receiver.at(path).stream().anyMatch(r -> marker.equals(r.header("webhook-id"))), SOON,
                "the record after the repeat is delivered");
        assertEquals(1, receiver.at(path).stream().filter(r -> signalId.equals(r.header("webhook-id"))).count());
        assertEquals(2, log(id).getInt("totalItems"));
    }

    @Test
    void a_wanted_record_whose_value_is_not_utf8_json_is_passed_over_and_the_feed_goes_on() {
        String initiative = aLaunchedInitiative();
        String path = "/garbage/" + UUID.randomUUID();
        String id = subscribe(receiver.url(path), List.of(OVERDUE), initiative).getString("id");
        produceSignal(initiative, UUID.randomUUID().toString(), OVERDUE, new byte[] {(byte) 0xC3, 0x28, '{', '}'});
        produceSignal(initiative, UUID.randomUUID().toString(), OVERDUE,
                new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '(', '"', '}'});
        produceSignal(initiative, UUID.randomUUID().toString(), OVERDUE, "not json".getBytes(StandardCharsets.UTF_8));
        produceSignal(initiative, UUID.randomUUID().toString(), OVERDUE, new byte[0]);
        String marker = UUID.randomUUID().toString();
        produceSignal(initiative, marker, OVERDUE, "{\"initiativeId\":\"" + initiative + "\",\"commitmentId\":\""
                + UUID.randomUUID() + "\",\"personId\":\"ana\",\"dueBy\":\"2026-11-20T17:00:00Z\"}");

        eventually(() -> receiver.at(path).stream().anyMatch(r -> marker.equals(r.header("webhook-id"))), SOON,
                "the record after the unreadable ones is delivered");
        assertEquals(1, receiver.at(path).size(), "nothing was sent for the unreadable records");
        assertEquals(1, log(id).getInt("totalItems"), "nor queued");
    }

    @Test
    void a_deleted_subscription_gets_no_more_deliveries_not_even_retries() {
        String initiative = aLaunchedInitiative();
        String failing = "/deleted/" + UUID.randomUUID();
        String control = "/control/" + UUID.randomUUID();
        String id = subscribe(receiver.url(failing, n -> 500), List.of(JOINED), initiative).getString("id");
        join(initiative, person(anyPersonId(), "sales")).statusCode(200);
        receiver.awaitAt(failing, 1, SOON);

        given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        int attemptsBeforeDelete = receiver.at(failing).size();
        given().get("/api/v1/webhooks/{id}", id).then().statusCode(404).contentType("application/problem+json");
        given().delete("/api/v1/webhooks/{id}", id).then().statusCode(404).contentType("application/problem+json")
                .body("detail", containsString(id));
        given().get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(404);

        subscribe(receiver.url(control), List.of(JOINED), initiative);
        join(initiative, person(anyPersonId(), "sales")).statusCode(200);
        receiver.awaitAt(control, 1, SOON);
        // Several backoff periods (200-500 ms) later, the deleted subscription's retry has not come.
        sleep(Duration.ofMillis(1500));
        assertEquals(attemptsBeforeDelete, receiver.at(failing).size());
    }

    @Test
    void two_dispatchers_racing_over_the_same_due_rows_deliver_each_once() {
        String path = "/race/" + UUID.randomUUID();
        String id = subscribe(receiver.url(path), List.of(BAND_CHANGED), UUID.randomUUID().toString()).getString("id");
        int deliveries = 40;
        pool.preparedQuery("""
                        insert into webhook_delivery (subscription_id, ce_id, ce_type, body, next_attempt_at)
                        select $1, 'race-' || n, $2, '{"n":' || n || '}', now() from generate_series(1, $3) n""")
                .execute(Tuple.of(UUID.fromString(id), BAND_CHANGED, deliveries))
                .await().atMost(SOON);

        List<Uni<Integer>> racing = IntStream.range(0, 4).mapToObj(i -> dispatcher.deliverDue()).toList();
        int attempted = Uni.join().all(racing).andFailFast().await().atMost(SOON).stream().mapToInt(i -> i).sum();

        eventually(() -> receiver.at(path).size() >= deliveries, SOON, "every row is delivered");
        sleep(Duration.ofMillis(500));
        List<String> ids = receiver.at(path).stream().map(r -> r.header("webhook-id")).toList();
        assertEquals(deliveries, ids.size(), "no row went out twice");
        assertEquals(deliveries, new HashSet<>(ids).size());
        assertTrue(attempted <= deliveries, "the racing claims shared the rows out: " + attempted);
        JsonPath log = given().queryParam("size", 100).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .statusCode(200).extract().jsonPath();
        eventually(() -> given().queryParam("size", 100).get("/api/v1/webhooks/{id}/deliveries", id).then()
                .extract().jsonPath().<Integer>getList("items.attempts").stream().allMatch(a -> a == 1), SOON,
                "each was attempted once");
        assertEquals(deliveries, log.getInt("totalItems"));
    }

    @Test
    void two_claims_at_once_never_hold_the_same_row() {
        String id = subscribe(receiver.url("/claims/" + UUID.randomUUID()), List.of(BAND_CHANGED),
                UUID.randomUUID().toString()).getString("id");
        // The service's own dispatcher claims due rows too, and may take a whole batch first: the
        // race is run again on fresh rows until these two claims got some of them.
        boolean claimedAny = false;
        for (int round = 0; round < 5 && !claimedAny; round++) {
            pool.preparedQuery("""
                            insert into webhook_delivery (subscription_id, ce_id, ce_type, body, next_attempt_at)
                            select $1, 'claim-' || $3 || '-' || n, $2, '{}', now() from generate_series(1, 30) n""")
                    .execute(Tuple.of(UUID.fromString(id), BAND_CHANGED, String.valueOf(round))).await().atMost(SOON);

            List<List<DeliveryQueue.Claimed>> claims = Uni.join().all(
                            queue.claim(20, Duration.ofSeconds(30)), queue.claim(20, Duration.ofSeconds(30)))
                    .andFailFast().await().atMost(SOON);
            Set<Long> first = claims.get(0).stream().map(DeliveryQueue.Claimed::id).collect(Collectors.toSet());
            Set<Long> second = claims.get(1).stream().map(DeliveryQueue.Claimed::id).collect(Collectors.toSet());
            claimedAny = !first.isEmpty() || !second.isEmpty();
            first.retainAll(second);
            assertEquals(Set.of(), first, "no row is held by both claims");
        }
        assertTrue(claimedAny, "the rows were claimable");
        given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
    }

    @Test
    void a_receiver_that_cannot_be_reached_is_retried_with_the_error_in_the_log() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String initiative = UUID.randomUUID().toString();
        String id = subscribe("http://127.0.0.1:" + closedPort + "/gone", List.of(BAND_CHANGED), initiative)
                .getString("id");
        produceSignal(initiative, UUID.randomUUID().toString(), BAND_CHANGED,
                "{\"initiativeId\":\"" + initiative + "\",\"from\":null,\"to\":\"UNKNOWN\",\"score\":null}");

        eventually(() -> log(id).getInt("totalItems") == 1 && log(id).getInt("items[0].attempts") >= 2, SOON,
                "the unreachable receiver is retried");
        JsonPath log = log(id);
        assertNull(log.get("items[0].lastStatusCode"));
        assertTrue(log.getString("items[0].lastError").contains("Connect"), log.getString("items[0].lastError"));
        given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
    }

    @Test
    void invalid_subscriptions_are_refused_with_422_naming_each_field() {
        given().contentType(ContentType.JSON).body(Map.of("url", "ftp://example.com/x",
                        "types", List.of("accord.BandChanged.v1", "accord.Nope.v1"), "initiativeId", "42"))
                .post("/api/v1/webhooks").then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("url", "types[1]", "initiativeId")));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/x"))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors.field", equalTo(List.of("types")));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/" + "a".repeat(2100),
                        "types", List.of(JOINED)))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors.field", equalTo(List.of("url")));
        given().contentType(ContentType.JSON).body(Map.of("url", "https://example.com/x", "types", List.of(JOINED),
                        "secret", "mine"))
                .post("/api/v1/webhooks").then().statusCode(422).body("errors.field", equalTo(List.of("secret")));
        given().contentType(ContentType.JSON).body("").post("/api/v1/webhooks").then().statusCode(400)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON).body(Map.of()).post("/api/v1/webhooks").then().statusCode(422)
                .body("errors.field", equalTo(List.of("url", "types")));
        given().contentType(ContentType.JSON).body(Map.of("url", 7, "types", List.of(JOINED)))
                .post("/api/v1/webhooks").then().statusCode(400).contentType("application/problem+json");
        given().queryParam("size", 0).get("/api/v1/webhooks").then().statusCode(400)
                .body("errors.field", equalTo(List.of("size")));
        given().queryParam("page", "x").get("/api/v1/webhooks/{id}/deliveries", UUID.randomUUID()).then()
                .statusCode(400).body("errors.field", equalTo(List.of("page")));
        given().get("/api/v1/webhooks/not-a-subscription").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void real_webhook_answers_validate_against_the_contract() throws Exception {
        OpenApiValidationFilter contract = new OpenApiValidationFilter(OpenApiInteractionValidator
                .createForInlineApiSpecification(Files.readString(java.nio.file.Path.of("openapi.yaml"))).build());
        String initiative = aLaunchedInitiative();
        String path = "/contract/" + UUID.randomUUID();
        String id = given().filter(contract).contentType(ContentType.JSON)
                .body(Map.of("url", receiver.url(path, n -> n == 1 ? 500 : 200), "types", List.of(JOINED),
                        "initiativeId", initiative))
                .post("/api/v1/webhooks").then().statusCode(201).extract().path("id");
        join(initiative, person(anyPersonId(), "sales")).statusCode(200);
        receiver.awaitAt(path, 1, SOON);
        given().filter(contract).get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200);
        receiver.awaitAt(path, 2, SOON);
        eventually(() -> "DELIVERED".equals(log(id).getString("items[0].state")), SOON, "delivered");
        given().filter(contract).get("/api/v1/webhooks/{id}/deliveries", id).then().statusCode(200);
        given().filter(contract).get("/api/v1/webhooks/{id}", id).then().statusCode(200);
        given().filter(contract).queryParam("size", 5).get("/api/v1/webhooks").then().statusCode(200);
        given().filter(contract).contentType(ContentType.JSON).body(Map.of("url", "nope", "types", List.of(JOINED)))
                .post("/api/v1/webhooks").then().statusCode(422);
        given().filter(contract).delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
        given().filter(contract).get("/api/v1/webhooks/{id}", id).then().statusCode(404);
    }

    @Test
    void the_secret_is_answered_once_at_creation_and_never_on_a_read() {
        String url = receiver.url("/shown-once/" + UUID.randomUUID());
        JsonPath created = given().contentType(ContentType.JSON)
                .body(Map.of("url", url, "types", List.of(JOINED, BAND_CHANGED)))
                .post("/api/v1/webhooks").then().statusCode(201)
                .body("status", equalTo("ACTIVE"))
                .body("url", equalTo(url))
                .body("types", equalTo(List.of(JOINED, BAND_CHANGED)))
                .body("secret", startsWith("whsec_"))
                .extract().jsonPath();
        String secret = created.getString("secret");
        String id = created.getString("id");
        given().contentType(ContentType.JSON).body(Map.of("url", url, "types", List.of(JOINED)))
                .post("/api/v1/webhooks").then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.matchesPattern(".*/api/v1/webhooks/[0-9a-f-]{36}"));

        String one = given().get("/api/v1/webhooks/{id}", id).then().statusCode(200)
                .body("url", equalTo(url)).body("$", not(org.hamcrest.Matchers.hasKey("secret")))
                .extract().asString();
        String all = given().queryParam("size", 100).get("/api/v1/webhooks").then().statusCode(200)
                .body("items.id", hasItem(id)).extract().asString();
        assertFalse(one.contains(secret) || one.contains("secret"));
        assertFalse(all.contains(secret) || all.contains("secret"));
        given().delete("/api/v1/webhooks/{id}", id).then().statusCode(204);
    }

    @Test
    void the_feed_passes_over_a_type_from_the_moment_its_last_subscription_is_deleted_and_not_before() {
        String type = "accord.UnitRepresented.v1";
        assertFalse(subscribedTypes.named(type), "no subscription names it yet");
        String first = subscribe(receiver.url("/units/" + UUID.randomUUID()), List.of(type), null).getString("id");
        assertTrue(subscribedTypes.named(type), "named as soon as the subscription is answered");
        String second = subscribe(receiver.url("/units/" + UUID.randomUUID()), List.of(type, JOINED), null)
                .getString("id");
        given().delete("/api/v1/webhooks/{id}", first).then().statusCode(204);
        assertTrue(subscribedTypes.named(type), "still named by the second subscription");
        given().delete("/api/v1/webhooks/{id}", second).then().statusCode(204);
        assertFalse(subscribedTypes.named(type), "passed over once no subscription names it");
    }

    private static JsonPath subscribe(String url, List<String> types, String initiativeId) {
        Map<String, Object> body = initiativeId == null ? Map.of("url", url, "types", types)
                : Map.of("url", url, "types", types, "initiativeId", initiativeId);
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/webhooks").then().statusCode(201)
                .extract().jsonPath();
    }

    private static JsonPath log(String subscriptionId) {
        return given().get("/api/v1/webhooks/{id}/deliveries", subscriptionId).then().statusCode(200)
                .extract().jsonPath();
    }

    /** A record in the shape the signals topic carries (binary-mode CloudEvent, key = initiativeId). */
    private void produceSignal(String initiative, String ceId, String type, String data) {
        produceSignal(initiative, ceId, type, data.getBytes(StandardCharsets.UTF_8));
    }

    /** As above, with the value's bytes as given: whatever a stray producer might write. */
    private void produceSignal(String initiative, String ceId, String type, byte[] data) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        Map<String, String> headers = Map.of("ce_specversion", "1.0", "ce_id", ceId, "ce_source", "/accord/alignment",
                "ce_type", type, "ce_subject", initiative, "ce_time", "2026-11-30T10:15:00Z", "ce_streamversion", "2",
                "content-type", "application/json");
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(signalsTopic, initiative, data);
            headers.forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            producer.send(record);
            producer.flush();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
