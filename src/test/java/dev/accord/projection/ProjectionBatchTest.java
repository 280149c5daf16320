package dev.accord.projection;

import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.initiative.readmodel.InitiativeViews;
import dev.accord.readmodel.ReadModel;
import dev.accord.readmodel.RowChanges;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.details;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The records of one poll, projected together. Each test writes its initiatives' events straight
 * into the store, without outbox rows, so no record of them reaches the live consumer: the batch
 * the test hands the projection is the only way they are projected.
 */
@QuarkusTest
class ProjectionBatchTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    EventProjection projection;

    @Inject
    InitiativeViews detailsViews;

    @Inject
    AlignmentViews alignmentViews;

    @Inject
    RowChanges changes;

    @Inject
    ProjectionMeters meters;

    @Inject
    MeterRegistry registry;

    @Inject
    Pool pool;

    private final List<UUID> unpublished = new ArrayList<>();
    private final AtomicInteger offsets = new AtomicInteger();

    @AfterEach
    void forgetTheUnpublishedInitiatives() {
        UUID[] ids = unpublished.toArray(UUID[]::new);
        for (String table : List.of("projection_parked", "initiative_view", "alignment_view", "alignment_person",
                "event_store")) {
            pool.preparedQuery("delete from " + table + " where initiative_id = any($1)").execute(Tuple.of(ids))
                    .await().atMost(WAIT);
        }
    }

    @Test
    void given_an_unreadable_record_in_the_middle_of_a_poll_when_projected_then_it_alone_is_dead_lettered() {
        Initiative first = anUnpublishedInitiative(2);
        Initiative second = anUnpublishedInitiative(2);
        long deadBefore = meters.deadLetteredCount();
        Record garbage = new Record(UUID.randomUUID().toString(), Map.of("ce_subject", "not an initiative"));

        List<Record> poll = new ArrayList<>(first.records());
        poll.add(garbage);
        poll.addAll(second.records());
        project(poll);

        assertInstanceOf(Trigger.UnreadableRecord.class, garbage.nacked.getNow(null), "the unreadable record nacked");
        poll.stream().filter(record -> record != garbage)
                .forEach(record -> assertFalse(record.nacked.isDone(), "a good record nacked"));
        assertEquals(deadBefore + 1, meters.deadLetteredCount());
        assertProjected(first, 2);
        assertProjected(second, 2);
    }

    @Test
    void given_a_trigger_the_store_contradicts_when_projected_with_good_ones_then_it_is_ignored_and_counted_and_the_rest_apply() {
        Initiative first = anUnpublishedInitiative(2);
        Initiative second = anUnpublishedInitiative(1);
        long ignoredBefore = meters.ignoredCount();
        Record forged = first.record(2).forgedAs(UUID.randomUUID().toString());

        List<Record> poll = new ArrayList<>(first.records());
        poll.add(forged);
        poll.addAll(second.records());
        project(poll);

        assertEquals(ignoredBefore + 1, meters.ignoredCount());
        poll.forEach(record -> assertFalse(record.nacked.isDone(), "a record nacked"));
        assertProjected(first, 2);
        assertProjected(second, 1);
    }

    @Test
    void given_a_poll_where_one_initiative_is_refused_when_projected_then_only_it_parks_and_the_others_apply() {
        Initiative healthy = anUnpublishedInitiative(2);
        Initiative refused = anUnpublishedInitiative(2, "Unprojectable batch pilot");
        Initiative another = anUnpublishedInitiative(1);
        execute("alter table initiative_view add constraint unprojectable_batch"
                + " check (title not like 'Unprojectable batch%') not valid");
        try {
            List<Record> poll = new ArrayList<>(healthy.records());
            poll.addAll(refused.records());
            poll.addAll(another.records());
            project(poll);

            poll.forEach(record -> assertFalse(record.nacked.isDone(), "a record nacked"));
            assertProjected(healthy, 2);
            assertProjected(another, 1);
            Row park = parked("initiative-details", refused.id());
            assertEquals(1, park.getLong("version"), "parked at the event refused");
            assertEquals(2, park.getLong("latest_waiting"), "the later event waiting behind it");
            assertNull(parked("alignment", refused.id()), "the other read model does not park it");
            assertEquals(2, version("alignment_view", refused.id()));
            assertEquals(-1, version("initiative_view", refused.id()));
        } finally {
            execute("alter table initiative_view drop constraint if exists unprojectable_batch");
        }
    }

    @Test
    void given_several_records_of_one_initiative_and_their_duplicates_when_projected_then_each_row_is_written_once_at_the_highest() {
        Initiative busy = anUnpublishedInitiative(3);
        List<Record> poll = List.of(busy.record(1), busy.record(2), busy.record(1), busy.record(3), busy.record(2));
        AtomicInteger detailsWrites = new AtomicInteger();
        AtomicInteger alignmentWrites = new AtomicInteger();
        try (RowChanges.Listening details = changes.listen(detailsViews, busy.id(), detailsWrites::incrementAndGet);
             RowChanges.Listening alignment = changes.listen(alignmentViews, busy.id(),
                     alignmentWrites::incrementAndGet)) {
            project(poll);
            assertProjected(busy, 3);
            ProjectionResilienceTest.sleep(1000);
        }

        assertEquals(1, detailsWrites.get(), "the details row written once");
        assertEquals(1, alignmentWrites.get(), "the alignment row written once");
        poll.forEach(record -> assertFalse(record.nacked.isDone(), "a record nacked"));
    }

    @Test
    void given_a_poll_of_several_initiatives_when_projected_then_each_row_is_announced_once_at_the_version_it_reached() {
        Initiative shorter = anUnpublishedInitiative(2);
        Initiative longer = anUnpublishedInitiative(3);
        List<Record> poll = new ArrayList<>(shorter.records());
        poll.addAll(longer.records());
        List<OptionalLong> shorterTold = new CopyOnWriteArrayList<>();
        List<OptionalLong> longerTold = new CopyOnWriteArrayList<>();
        List<OptionalLong> longerDetailsTold = new CopyOnWriteArrayList<>();
        try (RowChanges.Listening one = changes.listen(alignmentViews, shorter.id(), shorterTold::add);
             RowChanges.Listening other = changes.listen(alignmentViews, longer.id(), longerTold::add);
             RowChanges.Listening details = changes.listen(detailsViews, longer.id(), longerDetailsTold::add)) {
            project(poll);
            assertProjected(shorter, 2);
            assertProjected(longer, 3);
            ProjectionResilienceTest.sleep(1000);
        }

        assertEquals(List.of(OptionalLong.of(2)), shorterTold, "the shorter alignment row announced at its version");
        assertEquals(List.of(OptionalLong.of(3)), longerTold, "the longer alignment row announced at its version");
        assertEquals(List.of(OptionalLong.of(3)), longerDetailsTold, "the longer details row announced at its version");
    }

    @Test
    void given_a_row_locked_past_the_lock_timeout_when_a_poll_is_projected_then_it_is_retried_not_acknowledged_meanwhile_and_nothing_is_lost()
            throws Exception {
        Initiative first = anUnpublishedInitiative(1, null, 2);
        Initiative free = anUnpublishedInitiative(2);
        project(first.records());
        assertEquals(1, version("alignment_view", first.id()));
        Initiative locked = withTheRestOf(first, 2);
        double retriesBefore = retries();
        CountDownLatch holding = new CountDownLatch(1);
        // longer than accord.projection.lock-timeout (1 s in tests)
        var held = pool.withTransaction(connection -> connection
                        .preparedQuery("select version from alignment_view where initiative_id = $1 for update")
                        .execute(Tuple.of(locked.id()))
                        .invoke(holding::countDown)
                        .chain(() -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofSeconds(3))))
                .subscribeAsCompletionStage();
        assertTrue(holding.await(10, TimeUnit.SECONDS), "the row is locked");

        List<Record> poll = new ArrayList<>(free.records());
        poll.addAll(locked.records());
        var projected = projection.project(poll.stream().map(record -> record.message).toList()).subscribeAsCompletionStage();
        ProjectionResilienceTest.sleep(1500);
        assertFalse(projected.isDone(), "the poll is not done, so not acknowledged, while the row is locked");
        held.toCompletableFuture().get(20, TimeUnit.SECONDS);
        projected.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertTrue(retries() > retriesBefore, "the lock timeout was retried");
        poll.forEach(record -> assertFalse(record.nacked.isDone(), "a record nacked"));
        assertProjected(free, 2);
        assertProjected(locked, 2);
        assertNull(parked("alignment", locked.id()));
    }

    private void project(List<Record> poll) {
        projection.project(poll.stream().map(record -> record.message).toList()).await().atMost(WAIT);
    }

    private void assertProjected(Initiative initiative, long version) {
        assertEquals(version, version("initiative_view", initiative.id()), "details of " + initiative.id());
        assertEquals(version, version("alignment_view", initiative.id()), "alignment of " + initiative.id());
    }

    private long version(String table, UUID id) {
        var rows = pool.preparedQuery("select version from " + table + " where initiative_id = $1")
                .execute(Tuple.of(id)).await().atMost(WAIT);
        return rows.size() == 0 ? -1 : rows.iterator().next().getLong("version");
    }

    private Row parked(String projection, UUID id) {
        var rows = pool.preparedQuery("select * from projection_parked where projection = $1 and initiative_id = $2")
                .execute(Tuple.of(projection, id)).await().atMost(WAIT);
        return rows.size() == 0 ? null : rows.iterator().next();
    }

    private double retries() {
        var counter = registry.find("accord.projection.retries").counter();
        return counter == null ? 0 : counter.count();
    }

    private void execute(String sql) {
        pool.query(sql).execute().await().atMost(WAIT);
    }

    private Initiative anUnpublishedInitiative(int events) {
        return anUnpublishedInitiative(events, null);
    }

    private Initiative anUnpublishedInitiative(int events, String title) {
        return anUnpublishedInitiative(events, title, events);
    }

    /**
     * A copy, under a new id and without outbox rows, of the first {@code events} events of an
     * initiative launched and joined through the API with {@code modelled} events;
     * {@code title} replaces the launch's title.
     */
    private Initiative anUnpublishedInitiative(int events, String title, int modelled) {
        UUID model = UUID.fromString(aLaunchedInitiative());
        for (int version = 2; version <= modelled; version++) {
            join(model.toString(), person(anyPersonId(), "sales")).statusCode(200);
        }
        details(model.toString(), modelled).statusCode(200);
        UUID id = UUID.randomUUID();
        unpublished.add(id);
        return copy(new Initiative(model, id, List.of()), events, title);
    }

    /** The initiative with more of its model's events recorded, up to {@code events}. */
    private Initiative withTheRestOf(Initiative initiative, int events) {
        return copy(initiative, events, null);
    }

    private Initiative copy(Initiative initiative, int events, String title) {
        UUID id = initiative.id();
        var copied = pool.preparedQuery("""
                        insert into event_store (event_id, initiative_id, version, type, data, recorded_at,
                                                 correlation_id, actor)
                        select gen_random_uuid(), $2, version, type,
                               case when version = 1 and $4::text is not null
                                    then jsonb_set(data || jsonb_build_object('initiativeId', $2::text), '{title}',
                                                   to_jsonb($4::text))
                                    else data || jsonb_build_object('initiativeId', $2::text) end,
                               recorded_at, correlation_id, actor
                          from event_store where initiative_id = $1 and version > $5 and version <= $3
                        returning event_id, version, type""")
                .execute(Tuple.of(initiative.model(), id, (long) events, title, (long) initiative.records().size()))
                .await().atMost(WAIT);
        Record[] records = initiative.records().toArray(new Record[events]);
        copied.forEach(row -> records[(int) row.getLong("version").longValue() - 1] = new Record(id.toString(),
                headers(id, row.getLong("version"), row.getUUID("event_id"), row.getString("type"))));
        return new Initiative(initiative.model(), id, List.of(records));
    }

    private static Map<String, String> headers(UUID subject, long version, UUID eventId, String type) {
        return Map.of("ce_specversion", "1.0", "ce_id", eventId.toString(), "ce_source", "/accord/alignment",
                "ce_type", type, "ce_subject", subject.toString(), "ce_streamversion", String.valueOf(version),
                "content-type", "application/json");
    }

    /** An unpublished initiative: the one its events are copied from, its id, and a record per event. */
    private record Initiative(UUID model, UUID id, List<Record> records) {
        Record record(long version) {
            return records.get((int) version - 1);
        }
    }

    /** A record as the connector hands it over, remembering whether it was nacked. */
    private final class Record {
        final String key;
        final Map<String, String> headers;
        final CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        final Message<String> message;

        Record(String key, Map<String, String> headers) {
            this.key = key;
            this.headers = headers;
            ConsumerRecord<String, String> consumed = new ConsumerRecord<>(OutsideProducer.EVENTS, 0,
                    offsets.incrementAndGet(), key, "{}");
            headers.forEach((name, value) -> consumed.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
            message = Message.of("{}", Metadata.of(new IncomingKafkaRecordMetadata<>(consumed, "alignment-events")),
                    () -> CompletableFuture.completedFuture(null), failure -> {
                        nacked.complete(failure);
                        return CompletableFuture.completedFuture(null);
                    });
        }

        /** The same record claiming another event id. */
        Record forgedAs(String eventId) {
            Map<String, String> forged = new java.util.HashMap<>(headers);
            forged.put("ce_id", eventId);
            return new Record(key, forged);
        }
    }
}
