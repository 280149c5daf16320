package dev.accord.readmodel;

import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.PgErrors;
import dev.accord.eventstore.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The one way a read model row changes: in a transaction holding that initiative's lock for
 * that read model, the row is read, the events it lacks are read from the event store of record
 * and folded in order, and the row is written with the version it reached. A row at or beyond
 * the wanted version is left alone, so a redelivery changes nothing; a row that missed versions
 * gets them from the store, so it never skips a fact.
 * <p>
 * The lock is a transaction-scoped advisory lock on (read model, initiative), taken before the
 * row is read: it also covers an initiative that has no row yet, so the live projection, a
 * rebuild and a retry of the same row run one after the other, each on what the previous wrote.
 */
@ApplicationScoped
public class ReadModelRows {

    @Inject
    Pool pool;

    @Inject
    EventStore eventStore;

    /** How long a row change waits for a lock before it fails (and is retried as transient). */
    @ConfigProperty(name = "accord.projection.lock-timeout", defaultValue = "5s")
    Duration lockTimeout;

    /** What a row change did: the versions it went from and to, and how many events it folded. */
    public record Change(long fromVersion, long toVersion, int events) {
    }

    /** Brings the row up to {@code version}, from the store; nothing when it is there already. */
    public <R> Uni<Change> catchUp(ReadModel<R> model, UUID initiativeId, long version) {
        return underLock(model, initiativeId, true, (connection, applied, row) -> {
            if (version <= applied) {
                return Uni.createFrom().item(new Change(applied, applied, 0));
            }
            return eventStore.read(connection, initiativeId, applied + 1, version)
                    .chain(events -> foldAndSave(model, connection, applied, row, events));
        });
    }

    /**
     * Replaces the row by a fold, from version 1, of everything the store holds for the
     * initiative. The old row is not even read, so a row that cannot be read is replaced too.
     */
    public <R> Uni<Change> rebuild(ReadModel<R> model, UUID initiativeId) {
        return underLock(model, initiativeId, false, (connection, applied, ignored) ->
                eventStore.read(connection, initiativeId, 1, Long.MAX_VALUE)
                        .chain(events -> foldAndSave(model, connection, applied, null, events)));
    }

    /** Folds {@code events} into {@code start} (null: afresh) and saves the row in their place. */
    private <R> Uni<Change> foldAndSave(ReadModel<R> model, SqlConnection connection, long from, R start,
                                        List<StoredEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new Change(from, from, 0));
        }
        R row = start;
        for (StoredEvent event : events) {
            try {
                row = model.apply(row, event);
            } catch (RuntimeException refused) {
                throw new ApplyFailed(event, refused);
            }
        }
        StoredEvent last = events.get(events.size() - 1);
        Change change = new Change(from, model.version(row), events.size());
        return model.save(connection, row, start)
                .onFailure(failure -> !PgErrors.isTransient(failure))
                .transform(failure -> new ApplyFailed(last, failure))
                .replaceWith(change);
    }

    private <R> Uni<Change> underLock(ReadModel<R> model, UUID initiativeId, boolean readRow, Work<R> work) {
        return pool.withTransaction(connection -> connection
                        .query("set local lock_timeout = " + Math.max(1, lockTimeout.toMillis())).execute()
                        .chain(() -> connection.preparedQuery("select pg_advisory_xact_lock(hashtext($1), hashtext($2))")
                                .execute(Tuple.of(model.table(), initiativeId.toString())))
                        .chain(() -> connection.preparedQuery("select version, "
                                        + (readRow ? model.documentColumn() + "::text" : "null") + " as document from "
                                        + model.table() + " where initiative_id = $1 for update")
                                .execute(Tuple.of(initiativeId)))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return work.on(connection, 0, null);
                            }
                            Row found = rows.iterator().next();
                            R row;
                            try {
                                row = readRow ? model.read(found.getString("document")) : null;
                            } catch (RuntimeException unreadable) {
                                throw new ApplyFailed(null, unreadable);
                            }
                            return work.on(connection, found.getLong("version"), row);
                        }))
                .onFailure(failure -> !(failure instanceof ApplyFailed) && !PgErrors.isTransient(failure))
                .transform(failure -> new ApplyFailed(null, failure));
    }

    @FunctionalInterface
    private interface Work<R> {
        Uni<Change> on(SqlConnection connection, long applied, R row);
    }
}
