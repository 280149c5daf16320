package dev.accord.initiative.application;

import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.OutboxRelay;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.leave;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The kept folded initiatives against a second replica writing the same store: this service's
 * handler answers over HTTP, the other replica is a second handler with its own kept copies.
 */
@QuarkusTest
class CommandHandlerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** This replica's handler, the one the HTTP endpoints use. */
    @Inject
    CommandHandler handler;

    @Inject
    EventStore store;

    @Test
    void a_command_after_another_replica_appended_lands_at_the_next_version_and_knows_what_it_appended() {
        String id = aLaunchedInitiative();
        join(id, person(anyPersonId(), "sales")).statusCode(200).body("version", equalTo(2));
        String ben = anyPersonId();
        assertEquals(3, otherReplica().handle(aJoin(id, ben), plainly()).await().atMost(WAIT).version());

        // This replica's copy is at 2 and has never seen Ben join; leaving needs him active.
        leave(id, ben).statusCode(200).body("version", equalTo(4));
        join(id, person(anyPersonId(), "sales")).statusCode(200).body("version", equalTo(5));

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), versionsOf(id));
    }

    @Test
    void if_match_ahead_of_the_kept_copy_is_judged_against_the_store() {
        String id = aLaunchedInitiative();
        join(id, person(anyPersonId(), "sales")).statusCode(200).body("version", equalTo(2));
        otherReplica().handle(aJoin(id, anyPersonId()), plainly()).await().atMost(WAIT);

        joinIfMatch(id, 3).statusCode(200).body("version", equalTo(4));
        joinIfMatch(id, 3).statusCode(412);
        assertEquals(4, store.latestVersion(UUID.fromString(id)).await().atMost(WAIT));
    }

    @Test
    void if_match_at_the_kept_copy_but_behind_the_store_is_refused_and_nothing_is_appended() {
        String id = aLaunchedInitiative();
        join(id, person(anyPersonId(), "sales")).statusCode(200).body("version", equalTo(2));
        otherReplica().handle(aJoin(id, anyPersonId()), plainly()).await().atMost(WAIT);

        joinIfMatch(id, 2).statusCode(412);

        assertEquals(List.of(1L, 2L, 3L), versionsOf(id));
    }

    @Test
    void two_replicas_writing_one_initiative_at_once_each_land_at_a_distinct_next_version() {
        String id = aLaunchedInitiative();
        CommandHandler here = handler;
        CommandHandler there = otherReplica();
        List<CompletableFuture<Receipt>> receipts = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            receipts.add(here.handle(aJoin(id, anyPersonId()), plainly()).subscribeAsCompletionStage());
            receipts.add(there.handle(aJoin(id, anyPersonId()), plainly()).subscribeAsCompletionStage());
        }

        Set<Long> versions = receipts.stream().map(receipt -> receipt.join().version()).collect(Collectors.toSet());

        Set<Long> expected = LongStream.rangeClosed(2, 21).boxed().collect(Collectors.toSet());
        assertEquals(expected, versions);
        assertEquals(LongStream.rangeClosed(1, 21).boxed().toList(), versionsOf(id));
    }

    @Test
    void concurrent_retries_of_one_keyed_request_on_two_stale_replicas_append_once_and_answer_one_receipt() {
        String id = aLaunchedInitiative();
        CommandHandler here = handler;
        CommandHandler there = otherReplica();
        here.handle(aJoin(id, anyPersonId()), plainly()).await().atMost(WAIT);
        there.handle(aJoin(id, anyPersonId()), plainly()).await().atMost(WAIT);
        JoinInitiative retried = aJoin(id, anyPersonId());
        CommandOptions keyed = new CommandOptions(OptionalLong.empty(), Optional.of(
                new CommandOptions.IdempotentRequest("retry-" + UUID.randomUUID(), "fingerprint")), "test");
        List<CompletableFuture<Receipt>> receipts = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            receipts.add(here.handle(retried, keyed).subscribeAsCompletionStage());
            receipts.add(there.handle(retried, keyed).subscribeAsCompletionStage());
        }

        Set<Receipt> answered = new HashSet<>();
        receipts.forEach(receipt -> answered.add(receipt.join()));

        assertEquals(1, answered.size(), "every retry answers the first receipt");
        assertEquals(4, answered.iterator().next().version());
        assertEquals(List.of(1L, 2L, 3L, 4L), versionsOf(id));
    }

    private CommandHandler otherReplica() {
        return otherReplica(store);
    }

    /** A handler with its own kept copies and lanes, as another replica of Accord has. */
    static CommandHandler otherReplica(EventStore store) {
        CommandHandler other = new CommandHandler();
        other.pool = bean(Pool.class);
        other.store = store;
        other.idempotencyKeys = bean(IdempotencyKeys.class);
        other.relay = bean(OutboxRelay.class);
        other.meters = bean(MeterRegistry.class);
        other.vertx = bean(Vertx.class);
        other.foldedWeight = 1_000;
        other.groupMax = 64;
        other.keepFolded();
        return other;
    }

    private static <T> T bean(Class<T> type) {
        return Arc.container().instance(type).get();
    }

    private static JoinInitiative aJoin(String initiativeId, String personId) {
        return new JoinInitiative(UUID.fromString(initiativeId), personId, "Person " + personId, "sales", "Member",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    private static CommandOptions plainly() {
        return new CommandOptions(OptionalLong.empty(), Optional.empty(), "test");
    }

    private static ValidatableResponse joinIfMatch(String initiativeId, long version) {
        return given().contentType(ContentType.JSON).header("If-Match", "\"" + version + "\"")
                .body(person(anyPersonId(), "sales"))
                .post("/api/v1/initiatives/{id}/participants", initiativeId).then();
    }

    private List<Long> versionsOf(String initiativeId) {
        return store.read(UUID.fromString(initiativeId), 1, 1_000).await().atMost(WAIT).stream()
                .map(StoredEvent::version).toList();
    }
}
