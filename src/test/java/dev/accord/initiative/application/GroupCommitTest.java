package dev.accord.initiative.application;

import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.TopicReader;
import dev.accord.initiative.domain.InitiativeCommand;
import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LeaveInitiative;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.Rejection;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.LongStream;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Commands queued on one initiative's lane are decided in order and appended together. To queue
 * them deterministically, a test holds the lane with the retry of a keyed command whose key it
 * has locked itself (the lock a keyed command takes first), queues the group behind it, then
 * lets go: the retry answers its first receipt without appending, and the group runs.
 */
@QuarkusTest
class GroupCommitTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String EVENTS = "accord.alignment.events";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Inject
    CommandHandler handler;

    @Inject
    EventStore store;

    @Inject
    Pool pool;

    @Test
    void commands_queued_together_are_appended_in_one_commit_each_decided_after_the_ones_before_it() {
        UUID id = launched();
        String ann = anyPersonId();
        String ben = anyPersonId();

        List<CompletableFuture<Receipt>> group = queuedBehindTheLane(id, () -> List.of(
                send(join(id, ann)), send(leave(id, ann)), send(join(id, ben)), send(join(id, ann))));

        assertEquals(List.of(3L, 4L, 5L, 6L), group.stream().map(receipt -> receipt.join().version()).toList(),
                "Ann's leave and rejoin were decided on the events of the same group before them");
        assertEquals(LongStream.rangeClosed(1, 6).boxed().toList(), versionsOf(id));
        assertEquals(1, transactionsOf(id, 3, 6), "one statement, one commit");
        assertEachReceiptStoredAndPublishedOnce(id, group);
    }

    @Test
    void a_command_refused_because_of_an_earlier_one_in_its_group_is_refused_and_the_others_stay_contiguous() {
        UUID id = launched();
        String ann = anyPersonId();
        send(join(id, ann)).join();

        List<CompletableFuture<Receipt>> group = queuedBehindTheLane(id, () -> List.of(
                send(leave(id, ann)), send(leave(id, ann)), send(join(id, anyPersonId()))));

        assertEquals(4, group.get(0).join().version());
        assertInstanceOf(Rejection.Invalid.class, failureOf(group.get(1)), "Ann left earlier in the same group");
        assertEquals(5, group.get(2).join().version());
        assertEquals(LongStream.rangeClosed(1, 5).boxed().toList(), versionsOf(id));
        assertEachReceiptStoredAndPublishedOnce(id, List.of(group.get(0), group.get(2)));
    }

    @Test
    void if_match_inside_a_group_names_the_version_the_command_is_decided_at() {
        UUID id = launched();

        List<CompletableFuture<Receipt>> group = queuedBehindTheLane(id, () -> List.of(
                send(join(id, anyPersonId())),
                send(join(id, anyPersonId()), ifMatch(3)),
                send(join(id, anyPersonId()), ifMatch(3)),
                send(join(id, anyPersonId()), ifMatch(5))));

        assertEquals(3, group.get(0).join().version());
        assertEquals(4, group.get(1).join().version(), "decided at version 3, after the first of the group");
        assertInstanceOf(VersionMismatch.class, failureOf(group.get(2)), "version 3 is no longer the latest");
        assertInstanceOf(VersionMismatch.class, failureOf(group.get(3)), "version 5 does not exist yet");
        assertEquals(LongStream.rangeClosed(1, 4).boxed().toList(), versionsOf(id));
    }

    @Test
    void a_group_decided_on_a_stale_copy_is_judged_again_on_the_caught_up_copy_and_nothing_is_lost_or_doubled() {
        UUID id = launched();
        String ann = anyPersonId();
        String ben = anyPersonId();
        send(join(id, ann)).join();
        send(join(id, ben)).join();
        String dan = anyPersonId();

        // Another replica appends while the group waits: Ben leaves and Dan joins at version 5 and 6.
        List<CompletableFuture<Receipt>> group = queuedBehindTheLane(id, () -> {
            List<CompletableFuture<Receipt>> queued = List.of(
                    send(join(id, anyPersonId())), send(leave(id, ben)), send(leave(id, ann)));
            store.append(pool, 4, List.of(
                    new EventStore.Appending(new ParticipantLeft(id, ben, null), now(), "other-replica", null),
                    new EventStore.Appending(new ParticipantJoined(id, dan, "Dan", "sales", "Member"), now(),
                            "other-replica", null))).await().atMost(WAIT);
            return queued;
        });

        assertEquals(7, group.get(0).join().version());
        assertInstanceOf(Rejection.Invalid.class, failureOf(group.get(1)),
                "the kept copy thought Ben active; judged again, he had left on the other replica");
        assertEquals(8, group.get(2).join().version());
        assertEquals(LongStream.rangeClosed(1, 8).boxed().toList(), versionsOf(id));
        assertEquals(1, transactionsOf(id, 7, 8));
        assertEachReceiptStoredAndPublishedOnce(id, List.of(group.get(0), group.get(2)));
        assertEquals(eventsOf(id), publishedOf(id, 8), "every event published once, in version order");
    }

    @Test
    void many_clients_racing_on_one_initiative_with_another_replica_get_contiguous_versions_and_each_event_once()
            throws Exception {
        UUID id = launched();
        CommandHandler other = CommandHandlerTest.otherReplica(store);
        int onTheOtherReplica = 8;
        List<String> people = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            people.add(anyPersonId());
        }
        List<CompletableFuture<Receipt>> joins = new ArrayList<>();
        List<CompletableFuture<Receipt>> leaves = new ArrayList<>();
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < people.size(); i++) {
                String person = people.get(i);
                CommandHandler replica = i % onTheOtherReplica == 0 ? other : handler;
                boolean leavesAgain = i % 2 == 1;
                sent.add(CompletableFuture.runAsync(() -> {
                    CompletableFuture<Receipt> joined = replica.handle(join(id, person), plainly())
                            .subscribeAsCompletionStage();
                    synchronized (joins) {
                        joins.add(joined);
                        // Half of them leave as soon as they are in.
                        if (leavesAgain) {
                            leaves.add(joined.thenCompose(ignored -> replica.handle(leave(id, person), plainly())
                                    .subscribeAsCompletionStage()));
                        }
                    }
                }, clients));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get();
            CompletableFuture.allOf(leaves.toArray(CompletableFuture[]::new)).get();
        } finally {
            clients.shutdown();
        }

        List<CompletableFuture<Receipt>> all = new ArrayList<>(joins);
        all.addAll(leaves);
        long last = 1 + all.size();
        assertEquals(LongStream.rangeClosed(1, last).boxed().toList(), versionsOf(id));
        assertEachReceiptStoredAndPublishedOnce(id, all);
        assertEquals(eventsOf(id), publishedOf(id, (int) last), "every event published once, in version order");
    }

    /**
     * Records a keyed join, then queues the commands {@code queue} sends behind a retry of it that
     * holds the lane (its key is locked here), then lets the lane go: they run as one group.
     */
    private List<CompletableFuture<Receipt>> queuedBehindTheLane(UUID id,
                                                                 Supplier<List<CompletableFuture<Receipt>>> queue) {
        CommandOptions keyed = new CommandOptions(OptionalLong.empty(), Optional.of(
                new CommandOptions.IdempotentRequest("hold-" + UUID.randomUUID(), "fingerprint")), "test");
        JoinInitiative holder = join(id, anyPersonId());
        Receipt first = send(holder, keyed).join();
        SqlConnection connection = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction transaction = connection.begin().await().atMost(WAIT);
            connection.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 7))")
                    .execute(Tuple.of(keyed.idempotency().orElseThrow().key())).await().atMost(WAIT);
            CompletableFuture<Receipt> retry = send(holder, keyed);
            List<CompletableFuture<Receipt>> queued = queue.get();
            assertTrue(queued.stream().noneMatch(CompletableFuture::isDone), "the group waits behind the retry");
            transaction.commit().await().atMost(WAIT);
            assertEquals(first, retry.join(), "the retry appended nothing");
            return queued;
        } finally {
            connection.closeAndAwait();
        }
    }

    private CompletableFuture<Receipt> send(InitiativeCommand command) {
        return send(command, plainly());
    }

    private CompletableFuture<Receipt> send(InitiativeCommand command, CommandOptions options) {
        return handler.handle(command, options).subscribeAsCompletionStage();
    }

    private static CommandOptions plainly() {
        return new CommandOptions(OptionalLong.empty(), Optional.empty(), "test");
    }

    private static CommandOptions ifMatch(long version) {
        return new CommandOptions(OptionalLong.of(version), Optional.empty(), "test");
    }

    private static UUID launched() {
        return UUID.fromString(aLaunchedInitiative());
    }

    private static JoinInitiative join(UUID id, String personId) {
        return new JoinInitiative(id, personId, "Person " + personId, "sales", "Member", now());
    }

    private static LeaveInitiative leave(UUID id, String personId) {
        return new LeaveInitiative(id, personId, null, now());
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static Throwable failureOf(CompletableFuture<Receipt> answer) {
        try {
            answer.join();
        } catch (CompletionException failed) {
            return failed.getCause();
        }
        throw new AssertionError("answered " + answer.join() + " where a refusal was expected");
    }

    /** Every 2xx receipt names an event the store holds exactly once, at its version, and published once. */
    private void assertEachReceiptStoredAndPublishedOnce(UUID id, List<CompletableFuture<Receipt>> answers) {
        Map<UUID, Long> events = eventsOf(id);
        Map<UUID, Long> published = publishedOf(id, events.size());
        Set<UUID> answered = new HashSet<>();
        for (CompletableFuture<Receipt> answer : answers) {
            if (answer.isCompletedExceptionally()) {
                continue;
            }
            Receipt receipt = answer.join();
            assertTrue(answered.add(receipt.eventId()), "one receipt per event");
            assertEquals(receipt.version(), events.get(receipt.eventId()), "stored at the receipt's version");
            assertEquals(receipt.version(), published.get(receipt.eventId()), "published at its version");
        }
        assertEquals(events.size(), countOf("select count(*) from event_store where initiative_id = $1", id));
    }

    /** Event id → version, in version order. */
    private Map<UUID, Long> eventsOf(UUID id) {
        return idsToVersions("select event_id, version from event_store where initiative_id = $1 order by version", id);
    }

    /**
     * Event id → version of the initiative's records on the events topic, in the relay's order (the
     * outbox row of each is deleted once published), once all {@code expected} are there; read
     * again, briefly, for one more, so that an event published twice would be among them.
     */
    private Map<UUID, Long> publishedOf(UUID id, int expected) {
        TopicReader.await(bootstrapServers, EVENTS, record -> id.toString().equals(record.key()), expected, WAIT);
        Map<UUID, Long> published = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : TopicReader.await(bootstrapServers, EVENTS,
                record -> id.toString().equals(record.key()), expected + 1, Duration.ofSeconds(1))) {
            UUID eventId = UUID.fromString(header(record, "ce_id"));
            Long previous = published.put(eventId, Long.valueOf(header(record, "ce_streamversion")));
            assertEquals(null, previous, "event " + eventId + " published twice");
        }
        List<Long> versions = new ArrayList<>(published.values());
        assertEquals(versions.stream().sorted().toList(), versions, "the relay's order is the stream's order");
        return published;
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private Map<UUID, Long> idsToVersions(String sql, UUID id) {
        Map<UUID, Long> rows = new LinkedHashMap<>();
        for (Row row : pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(WAIT)) {
            Long previous = rows.put(row.getUUID("event_id"), row.getLong("version"));
            assertEquals(null, previous, "event " + row.getUUID("event_id") + " appears twice");
        }
        return rows;
    }

    private long countOf(String sql, UUID id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    /** How many transactions wrote versions {@code from} to {@code to} of the stream. */
    private long transactionsOf(UUID id, long from, long to) {
        return pool.preparedQuery("""
                        select count(distinct xmin::text) from event_store
                         where initiative_id = $1 and version between $2 and $3""")
                .execute(Tuple.of(id, from, to)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private List<Long> versionsOf(UUID id) {
        return new ArrayList<>(eventsOf(id).values());
    }
}
