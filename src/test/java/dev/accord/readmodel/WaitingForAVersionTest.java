package dev.accord.readmodel;

import dev.accord.readmodel.RowsInMemory.Versioned;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.accord.readmodel.RowsInMemory.aReadModel;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * What a read waiting for a version costs: the queries it makes (counted on tables kept in
 * memory) as announcements come and re-checks run, driven by the test rather than by the clock.
 */
class WaitingForAVersionTest {

    private final RowsInMemory tables = new RowsInMemory();
    private final ReadModel<Versioned> things = aReadModel("things");
    private final ReadModel<Versioned> others = aReadModel("others");
    private final Vertx vertx = Vertx.vertx();
    private final RowChanges changes = new RowChanges();
    private final AwaitedVersions awaited = new AwaitedVersions();
    private final ReadYourWrites readYourWrites = new ReadYourWrites();

    @BeforeEach
    void wire() {
        awaited.versions = tables.versions();
        awaited.vertx = vertx;
        readYourWrites.rows = tables.rows();
        readYourWrites.changes = changes;
        readYourWrites.awaited = awaited;
        readYourWrites.vertx = vertx;
    }

    @AfterEach
    void stop() {
        vertx.closeAndAwait();
    }

    private CompletableFuture<Optional<Versioned>> waitFor(ReadModel<Versioned> model, UUID initiativeId, long version) {
        return readYourWrites.await(model, initiativeId, version, () -> Uni.createFrom().item(version))
                .subscribeAsCompletionStage();
    }

    private void announce(ReadModel<?> model, UUID initiativeId, long version) {
        changes.announce(model.name() + ":" + initiativeId + ":" + version);
    }

    /** {@code count} rows of {@code model} at version 1, each with a read waiting for its version 2. */
    private Map<UUID, CompletableFuture<Optional<Versioned>>> readsWaitingForVersionTwo(ReadModel<Versioned> model,
                                                                                          int count) {
        Map<UUID, CompletableFuture<Optional<Versioned>>> waiting = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            UUID id = UUID.randomUUID();
            tables.move(model, id, 1);
            waiting.put(id, waitFor(model, id, 2));
        }
        return waiting;
    }

    private static long versionRead(CompletableFuture<Optional<Versioned>> waiting) throws Exception {
        return waiting.get(10, TimeUnit.SECONDS).orElseThrow().version();
    }

    @Test
    void announcements_below_the_version_waited_for_read_nothing_and_the_one_that_reaches_it_reads_the_row_once()
            throws Exception {
        UUID id = UUID.randomUUID();
        tables.move(things, id, 3);
        CompletableFuture<Optional<Versioned>> waiting = waitFor(things, id, 5);
        int readsWhileStarting = tables.rowReads();

        tables.move(things, id, 4);
        announce(things, id, 4);
        announce(things, id, 3);

        assertFalse(waiting.isDone(), "still waiting for version 5");
        assertEquals(readsWhileStarting, tables.rowReads(), "no row read for versions below 5");

        tables.move(things, id, 6);
        announce(things, id, 6);

        assertEquals(6, versionRead(waiting));
        assertEquals(readsWhileStarting + 1, tables.rowReads());
    }

    @Test
    void a_row_that_appears_for_the_first_time_ends_the_wait() throws Exception {
        UUID id = UUID.randomUUID();
        CompletableFuture<Optional<Versioned>> waiting = waitFor(things, id, 1);
        assertFalse(waiting.isDone(), "no row yet");

        tables.move(things, id, 1);
        announce(things, id, 1);

        assertEquals(1, versionRead(waiting));
    }

    @Test
    void many_waiting_reads_cost_one_version_query_per_read_model_at_each_recheck() throws Exception {
        Map<UUID, CompletableFuture<Optional<Versioned>>> waitingForThings = readsWaitingForVersionTwo(things, 100);
        readsWaitingForVersionTwo(others, 100);
        int readsWhileStarting = tables.rowReads();

        awaited.recheck();
        awaited.recheck();
        awaited.recheck();

        assertEquals(6, tables.versionReads(), "one query per read model at each of the three re-checks");
        assertEquals(readsWhileStarting, tables.rowReads(), "no row read while no version is reached");

        List<UUID> reached = waitingForThings.keySet().stream().limit(50).toList();
        reached.forEach(id -> tables.move(things, id, 2));
        awaited.recheck();

        assertEquals(8, tables.versionReads());
        assertEquals(readsWhileStarting + 50, tables.rowReads(), "only the rows that reached their version are read");
        for (UUID id : waitingForThings.keySet()) {
            if (reached.contains(id)) {
                assertEquals(2, versionRead(waitingForThings.get(id)));
            } else {
                assertFalse(waitingForThings.get(id).isDone(), "still waiting");
            }
        }
    }

    @Test
    void a_row_that_moved_without_a_notification_is_found_by_the_recheck() throws Exception {
        UUID id = UUID.randomUUID();
        tables.move(things, id, 4);
        CompletableFuture<Optional<Versioned>> waiting = waitFor(things, id, 5);

        tables.move(things, id, 5);
        assertFalse(waiting.isDone(), "the notification was lost");
        awaited.recheck();

        assertEquals(5, versionRead(waiting));
    }

    @Test
    void the_listening_connection_coming_back_rechecks_every_waiting_read_in_one_query() throws Exception {
        Map<UUID, CompletableFuture<Optional<Versioned>>> waiting = readsWaitingForVersionTwo(things, 50);
        int readsWhileStarting = tables.rowReads();
        waiting.keySet().forEach(id -> tables.move(things, id, 2));

        // as the listening connection calls its listeners: on its own event loop
        vertx.runOnContext(changes::announceToAll);

        for (CompletableFuture<Optional<Versioned>> read : waiting.values()) {
            assertEquals(2, versionRead(read));
        }
        assertEquals(1, tables.versionReads(), "one re-check for all the reads told at once");
        assertEquals(readsWhileStarting + 50, tables.rowReads());
    }

    @Test
    void a_wait_the_client_gave_up_leaves_nothing_registered() {
        UUID id = UUID.randomUUID();
        tables.move(things, id, 1);
        Cancellable gaveUp = readYourWrites.await(things, id, 2, () -> Uni.createFrom().item(2L))
                .subscribe().with(row -> { }, failure -> { });
        int readsWhileWaiting = tables.rowReads();

        gaveUp.cancel();
        tables.move(things, id, 2);
        announce(things, id, 2);
        awaited.recheck();

        assertEquals(readsWhileWaiting, tables.rowReads(), "no listener left to read the row");
        assertEquals(0, tables.versionReads(), "no row left to re-check");
    }
}
