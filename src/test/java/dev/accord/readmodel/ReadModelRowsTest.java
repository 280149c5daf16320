package dev.accord.readmodel;

import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.readmodel.InitiativeDetails;
import dev.accord.initiative.readmodel.InitiativeViews;
import dev.accord.readmodel.ReadModelRows.Change;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.person;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How read model rows are caught up, read back and waited for, whatever this replica remembers. */
@QuarkusTest
class ReadModelRowsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ReadModelRows rows;

    @Inject
    RowCache cache;

    @Inject
    RowChanges changes;

    @Inject
    ReadYourWrites readYourWrites;

    @Inject
    InitiativeViews detailsViews;

    @Inject
    AlignmentViews alignmentViews;

    @Inject
    EventStore eventStore;

    @Inject
    Pool pool;

    /** A launched initiative with three people joined, projected to its version 4 in both read models. */
    private static UUID anInitiativeAtVersionFour() {
        String id = aLaunchedInitiative();
        for (int i = 0; i < 3; i++) {
            join(id, person(anyPersonId(), "sales")).statusCode(200);
        }
        details(id, 4).statusCode(200);
        given().queryParam("minVersion", 4).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
        return UUID.fromString(id);
    }

    private List<StoredEvent> stream(UUID id) {
        return eventStore.read(id, 1, Integer.MAX_VALUE).await().atMost(WAIT);
    }

    private void execute(String sql, Object... values) {
        pool.preparedQuery(sql).execute(Tuple.from(values)).await().atMost(WAIT);
    }

    @Test
    void a_catch_up_reads_ahead_to_the_latest_recorded_version_and_a_later_trigger_finds_it_applied() {
        UUID id = anInitiativeAtVersionFour();
        execute("delete from initiative_view where initiative_id = $1", id);
        cache.forget(detailsViews, id);

        Change change = rows.catchUp(detailsViews, id, 1).await().atMost(WAIT);

        assertEquals(new Change(0, 4, 4), change, "asked for version 1, it took in all four");
        assertTrue(rows.applied(detailsViews, id, 4), "this replica knows version 4 is applied");
        assertEquals(new Change(4, 4, 0), rows.catchUp(detailsViews, id, 3).await().atMost(WAIT));
        InitiativeDetails folded = null;
        for (StoredEvent event : stream(id)) {
            folded = InitiativeDetails.apply(folded, event);
        }
        assertEquals(Optional.of(folded), rows.find(detailsViews, id).await().atMost(WAIT));
    }

    @Test
    void someone_who_joined_and_left_within_one_catch_up_is_still_found_in_the_people_index() {
        UUID id = anInitiativeAtVersionFour();
        String passing = anyPersonId();
        join(id.toString(), person(passing, "sales")).statusCode(200);
        given().queryParam("reason", "Moved on").delete("/api/v1/initiatives/{id}/participants/{person}", id, passing)
                .then().statusCode(200);
        execute("delete from alignment_view where initiative_id = $1", id);
        execute("delete from alignment_person where initiative_id = $1", id);
        cache.forget(alignmentViews, id);

        Change change = rows.catchUp(alignmentViews, id, 1).await().atMost(WAIT);

        assertEquals(6, change.toVersion(), "one catch-up folded the join and the leave together");
        long indexed = pool.preparedQuery("select count(*) as n from alignment_person"
                        + " where initiative_id = $1 and person_id = $2")
                .execute(Tuple.of(id, passing)).await().atMost(WAIT).iterator().next().getLong("n");
        assertEquals(1, indexed, "the person who came and went is indexed for the people view");
    }

    @Test
    void a_reader_with_nothing_cached_and_one_with_the_row_cached_both_see_a_fold_of_the_store() {
        UUID id = anInitiativeAtVersionFour();
        AlignmentFacts folded = alignmentViews.rebuilt(id).await().atMost(WAIT).orElseThrow();

        cache.forget(alignmentViews, id);
        Optional<AlignmentFacts> cold = alignmentViews.find(id).await().atMost(WAIT);
        Optional<AlignmentFacts> warm = alignmentViews.find(id).await().atMost(WAIT);

        assertEquals(Optional.of(folded), cold);
        assertEquals(Optional.of(folded), warm);
        assertEquals(4, cache.version(alignmentViews, id), "the cold read kept the row");
    }

    private long snapshotVersion(ReadModel<?> model, UUID id) {
        return pool.preparedQuery("select snapshot_version from " + model.table() + " where initiative_id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getLong("snapshot_version");
    }

    @Test
    void a_row_whose_document_is_an_older_snapshot_is_read_back_with_the_events_since_once_the_cache_is_dropped() {
        UUID id = anInitiativeAtVersionFour();
        join(id.toString(), person(anyPersonId(), "sales")).statusCode(200);
        details(id.toString(), 5).statusCode(200);
        given().queryParam("minVersion", 5).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
        assertTrue(snapshotVersion(alignmentViews, id) < 5, "the facts document was not written again for version 5");
        assertTrue(snapshotVersion(detailsViews, id) < 5, "nor the details document");

        cache.clear();
        AlignmentFacts facts = alignmentViews.find(id).await().atMost(WAIT).orElseThrow();
        InitiativeDetails details = detailsViews.find(id).await().atMost(WAIT).orElseThrow();

        assertEquals(alignmentViews.rebuilt(id).await().atMost(WAIT).orElseThrow(), facts);
        InitiativeDetails folded = null;
        for (StoredEvent event : stream(id)) {
            folded = InitiativeDetails.apply(folded, event);
        }
        assertEquals(folded, details);
        assertEquals(5, cache.version(alignmentViews, id), "the row read back is kept at the table's version");
    }

    @Test
    void a_catch_up_on_a_replica_without_the_row_folds_on_from_the_snapshot_and_a_rebuild_writes_a_new_one() {
        UUID id = anInitiativeAtVersionFour();
        cache.clear();
        join(id.toString(), person(anyPersonId(), "sales")).statusCode(200);
        given().queryParam("minVersion", 5).get("/api/v1/initiatives/{id}/alignment", id).then().statusCode(200);
        cache.clear();

        assertEquals(new Change(5, 5, 0), rows.catchUp(alignmentViews, id, 5).await().atMost(WAIT),
                "a redelivered record changes nothing");
        AlignmentFacts live = alignmentViews.find(id).await().atMost(WAIT).orElseThrow();
        assertEquals(alignmentViews.rebuilt(id).await().atMost(WAIT).orElseThrow(), live);

        rows.rebuild(alignmentViews, id).await().atMost(WAIT);
        assertEquals(5, snapshotVersion(alignmentViews, id), "a rebuild writes the document at the version it reached");
        cache.clear();
        assertEquals(live, alignmentViews.find(id).await().atMost(WAIT).orElseThrow(),
                "the rebuilt row is the live one");
    }

    @Test
    void a_row_changed_behind_the_cache_is_read_again_not_answered_from_memory() {
        UUID id = anInitiativeAtVersionFour();
        rows.find(detailsViews, id).await().atMost(WAIT);
        execute("update initiative_view set version = 5, snapshot_version = 5,"
                + " document = jsonb_set(document, '{version}', '5')"
                + " where initiative_id = $1", id);
        try {
            assertEquals(5, rows.find(detailsViews, id).await().atMost(WAIT).orElseThrow().version());
        } finally {
            rows.rebuild(detailsViews, id).await().atMost(WAIT);
        }
        assertEquals(4, rows.find(detailsViews, id).await().atMost(WAIT).orElseThrow().version(),
                "a rebuild put the row back as the store has it");
    }

    @Test
    void a_change_is_announced_to_the_listeners_of_that_row() throws Exception {
        UUID id = UUID.randomUUID();
        CountDownLatch told = new CountDownLatch(1);
        CountDownLatch toldOther = new CountDownLatch(1);
        try (RowChanges.Listening listening = changes.listen(alignmentViews, id, told::countDown);
             RowChanges.Listening other = changes.listen(detailsViews, id, toldOther::countDown)) {
            execute("select pg_notify($1, $2)", RowChanges.CHANNEL, "alignment:" + id + ":3");
            assertTrue(told.await(10, TimeUnit.SECONDS), "the alignment listener was told");
        }
        assertEquals(1, toldOther.getCount(), "the initiative listener of the same initiative was not");
    }

    @Test
    void a_listener_is_told_the_version_the_row_was_written_at() throws Exception {
        UUID id = anInitiativeAtVersionFour();
        BlockingQueue<OptionalLong> told = new LinkedBlockingQueue<>();
        try (RowChanges.Listening listening = changes.listen(detailsViews, id, told::add)) {
            rows.rebuild(detailsViews, id).await().atMost(WAIT);
            assertEquals(OptionalLong.of(4), told.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void a_wait_for_a_version_whose_notification_is_lost_still_ends_with_the_row() {
        UUID id = anInitiativeAtVersionFour();
        Uni<Long> recordedUpToFive = Uni.createFrom().item(5L);
        var waiting = readYourWrites.await(detailsViews, id, 5, () -> recordedUpToFive)
                .subscribeAsCompletionStage();
        // the row moves without any notification, as when the listening connection was down
        execute("update initiative_view set version = 5, snapshot_version = 5,"
                + " document = jsonb_set(document, '{version}', '5')"
                + " where initiative_id = $1", id);
        try {
            assertEquals(5, waiting.toCompletableFuture().join().orElseThrow().version());
        } finally {
            rows.rebuild(detailsViews, id).await().atMost(WAIT);
        }
    }

    @Test
    void a_wait_for_a_version_beyond_the_latest_recorded_is_refused_at_once() {
        UUID id = anInitiativeAtVersionFour();
        Throwable refused = readYourWrites.await(detailsViews, id, 9, () -> eventStore.latestVersion(id))
                .onItem().transform(found -> (Throwable) null)
                .onFailure().recoverWithItem(failure -> failure)
                .await().atMost(WAIT);
        assertTrue(refused instanceof VersionNotRecorded, String.valueOf(refused));
    }
}
