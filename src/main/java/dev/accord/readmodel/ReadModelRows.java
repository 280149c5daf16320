package dev.accord.readmodel;

import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.PgErrors;
import dev.accord.eventstore.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The one way a read model row changes: in a transaction holding that initiative's lock for
 * that read model, the row's version is read, the events it lacks are read from the event store
 * of record and folded in order, and the row is written with the version it reached. A row at
 * or beyond the wanted version is left alone, so a redelivery changes nothing; a row that missed
 * versions gets them from the store, so it never skips a fact.
 * <p>
 * A catch-up reads ahead: it folds everything the store holds for the initiative, not only up to
 * the version asked for, so the records of the events it took in along the way find the row
 * there already (see {@link #applied}) and cost no transaction. Should an event beyond the one
 * asked for fail, the row is taken only up to the one before it; that event's own record then
 * meets the failure, exactly as without reading ahead.
 * <p>
 * Every row written is announced on {@link RowChanges#CHANNEL} in the same transaction.
 * <p>
 * The row itself is kept in this replica's {@link RowCache} at the version it was written at, and
 * used again only when the table still holds that version, so an unchanged row is never read
 * back and parsed. A transaction that fails drops it from the cache.
 * <p>
 * The lock is a transaction-scoped advisory lock on (read model, initiative), taken before the
 * row is read: it also covers an initiative that has no row yet, so the live projection, a
 * rebuild and a retry of the same row run one after the other, each on what the previous wrote.
 * <p>
 * <b>Snapshots.</b> A row's whole document (its {@link ReadModel#documentColumn()}) grows with the
 * history, so it is not rewritten at every catch-up: only when the row is new, rebuilt, or
 * {@code accord.read-model.snapshot-every} events have been folded since the document was last
 * written. In between, a catch-up writes only the read model's own columns and the version; the
 * row's {@code snapshot_version} says which version its document is at. Whoever needs the row and
 * does not have it at the table's version in {@link RowCache} reads the document and folds the
 * events from {@code snapshot_version} to {@code version} from the store, which is the record.
 */
@ApplicationScoped
public class ReadModelRows {

    @Inject
    Pool pool;

    @Inject
    EventStore eventStore;

    @Inject
    RowCache cache;

    @Inject
    RowChanges changes;

    /** How long a row change waits for a lock before it fails (and is retried as transient). */
    @ConfigProperty(name = "accord.projection.lock-timeout", defaultValue = "5s")
    Duration lockTimeout;

    /** How many events a row folds past its document before the document is written again. */
    @ConfigProperty(name = "accord.read-model.snapshot-every", defaultValue = "500")
    int snapshotEvery;

    /**
     * How many rows of one read model {@link #catchUpTogether} saves at a time on its transaction's
     * connection; bounded by what the connection pipelines.
     */
    @ConfigProperty(name = "accord.projection.batch.save-concurrency", defaultValue = "64")
    int saveConcurrency = 64;

    static final int MAX_SAVE_CONCURRENCY = 256;

    /** A setting below 1 would be read as "every event" without a word: it is refused at start instead. */
    @PostConstruct
    void checkSettings() {
        if (snapshotEvery < 1) {
            throw new IllegalArgumentException("accord.read-model.snapshot-every must be at least 1, not " + snapshotEvery);
        }
        if (saveConcurrency < 1 || saveConcurrency > MAX_SAVE_CONCURRENCY) {
            throw new IllegalArgumentException("accord.projection.batch.save-concurrency must be between 1 and "
                    + MAX_SAVE_CONCURRENCY + ", not " + saveConcurrency);
        }
    }

    /** What a row change did: the versions it went from and to, and how many events it folded. */
    public record Change(long fromVersion, long toVersion, int events) {
    }

    /** A change and the row it left, to be kept once its transaction committed. */
    private record Written<R>(Change change, R row) {
    }

    /**
     * Whether this replica saw the read model apply the initiative up to {@code version} (or
     * further). Only ever true of versions the table holds, since rows never go back.
     */
    public boolean applied(ReadModel<?> model, UUID initiativeId, long version) {
        return cache.version(model, initiativeId) >= version;
    }

    /**
     * The row as the table holds it now, for a reader: only its version is fetched when this
     * replica has the row at that version already.
     */
    public <R> Uni<Optional<R>> find(ReadModel<R> model, UUID initiativeId) {
        return find(pool, model, initiativeId);
    }

    /** As {@link #find(ReadModel, UUID)}, through {@code client} (a transaction's connection). */
    public <R> Uni<Optional<R>> find(SqlClient client, ReadModel<R> model, UUID initiativeId) {
        RowCache.Cached<R> cached = cache.get(model, initiativeId).orElse(null);
        long known = cached == null ? -1 : cached.version();
        return client.preparedQuery(select(model, true, ""))
                .execute(Tuple.of(initiativeId, known))
                .chain(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(Optional.<R>empty());
                    }
                    return current(client, model, initiativeId, rows.iterator().next(), cached)
                            .invoke(row -> cache.keep(model, initiativeId, model.version(row), row))
                            .map(Optional::of);
                });
    }

    /**
     * The query for a row's version, the version its document is at and, unless this replica has
     * the row at a version from that snapshot's up to the row's ($2), the document itself.
     */
    private static String select(ReadModel<?> model, boolean readRow, String lock) {
        return "select version, snapshot_version, "
                + (readRow ? "case when $2 between snapshot_version and version then null else "
                + model.documentColumn() + "::text end" : "$2::text") + " as document from " + model.table()
                + " where initiative_id = $1" + lock;
    }

    /**
     * The row {@code found} (version, snapshot_version, document) stands for: the cached row, or
     * when the document was fetched the document, with the events since folded in from the store.
     */
    private <R> Uni<R> current(SqlClient client, ReadModel<R> model, UUID initiativeId, Row found,
                               RowCache.Cached<R> cached) {
        long version = found.getLong("version");
        String document = found.getString("document");
        boolean fromCache = document == null && cached != null;
        R start = fromCache ? cached.row() : model.read(document);
        long startVersion = fromCache ? cached.version() : found.getLong("snapshot_version");
        if (startVersion >= version) {
            return Uni.createFrom().item(start);
        }
        return eventStore.read(client, initiativeId, startVersion + 1, version).map(tail -> {
            ReadModel.Folding<R> folding = model.folding(start);
            tail.forEach(folding::apply);
            R row = folding.row();
            if (model.version(row) != version) {
                throw new IllegalStateException(model.name() + " row of " + initiativeId + " is at version "
                        + version + " but its row at " + startVersion + " and the store's events since reach "
                        + model.version(row));
            }
            return row;
        });
    }

    /**
     * Brings the row up to {@code version} at least, and up to the store's latest version when
     * the events past {@code version} apply too; nothing when the row is there already.
     */
    public <R> Uni<Change> catchUp(ReadModel<R> model, UUID initiativeId, long version) {
        return catchUp(model, initiativeId, version, true)
                .onFailure(ReadAheadRefused.class).recoverWithUni(() -> catchUp(model, initiativeId, version, false));
    }

    private <R> Uni<Change> catchUp(ReadModel<R> model, UUID initiativeId, long version, boolean readAhead) {
        return underLock(model, initiativeId, true, (connection, applied, snapshotVersion, row) -> {
            if (version <= applied) {
                return Uni.createFrom().item(new Written<>(new Change(applied, applied, 0), row));
            }
            return eventStore.read(connection, initiativeId, applied + 1, readAhead ? Long.MAX_VALUE : version)
                    .chain(events -> foldAndSave(model, connection, applied, row, events, version,
                            row == null ? -1 : snapshotVersion, changes::announce));
        });
    }

    /**
     * {@link #catchUp} for many rows at once: each initiative of {@code wanted.get(model)} is
     * brought up to its version in that read model (reading ahead the same way), all in one
     * transaction, with one statement per read model to lock the rows, one to read them and one
     * to read the events they lack; then each row is saved as by {@code catchUp}, up to
     * {@code accord.projection.batch.save-concurrency} rows at once, and the rows written are
     * announced together in one statement, with the same notifications one by one would send.
     * The locks are taken in one order (read model, then lock key) whoever takes several, so two
     * such transactions cannot deadlock.
     * <p>
     * All or nothing: should anything fail, nothing is written, and a failure that is not
     * transient (a refused event, a refused row) says only that one of the rows is to blame; the
     * caller then catches the rows up one by one, which tells which.
     *
     * @return how many rows were written
     */
    public Uni<Integer> catchUpTogether(Map<ReadModel<?>, Map<UUID, Long>> wanted) {
        List<Together<?>> models = new ArrayList<>();
        wanted.forEach((model, versions) -> {
            if (!versions.isEmpty()) {
                models.add(together(model, versions));
            }
        });
        if (models.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return pool.withTransaction(connection -> {
                    Uni<Void> all = setLockTimeout(connection);
                    for (Together<?> model : models) {
                        all = all.chain(() -> model.catchUp(connection));
                    }
                    return all;
                })
                .invoke(() -> models.forEach(Together::keep))
                .onFailure().invoke(() -> models.forEach(Together::forget))
                .map(done -> models.stream().mapToInt(Together::written).sum());
    }

    private <R> Together<R> together(ReadModel<R> model, Map<UUID, Long> wanted) {
        return new Together<>(model, wanted);
    }

    /** One read model's part of {@link #catchUpTogether}. */
    private final class Together<R> {

        private final ReadModel<R> model;
        private final Map<UUID, Long> wanted;
        private final Map<UUID, RowCache.Cached<R>> cached = new HashMap<>();
        private final Map<UUID, Written<R>> written = new LinkedHashMap<>();

        Together(ReadModel<R> model, Map<UUID, Long> wanted) {
            this.model = model;
            this.wanted = wanted;
            wanted.keySet().forEach(id -> cache.get(model, id).ifPresent(row -> cached.put(id, row)));
        }

        Uni<Void> catchUp(SqlConnection connection) {
            UUID[] ids = wanted.keySet().stream().sorted().toArray(UUID[]::new);
            Long[] known = new Long[ids.length];
            for (int i = 0; i < ids.length; i++) {
                RowCache.Cached<R> row = cached.get(ids[i]);
                known[i] = row == null ? -1 : row.version();
            }
            Map<UUID, Stored<R>> stored = new LinkedHashMap<>();
            return connection.preparedQuery("""
                            select pg_advisory_xact_lock(hashtext($1), lock_key)
                              from (select distinct hashtext(id) as lock_key from unnest($2::text[]) as id
                                     order by lock_key) as keys""")
                    .execute(Tuple.of(model.table(), Arrays.stream(ids).map(UUID::toString).toArray(String[]::new)))
                    .chain(() -> connection.preparedQuery("select t.initiative_id, r.version, r.snapshot_version,"
                                    + " case when t.known between r.snapshot_version and r.version then null else r."
                                    + model.documentColumn() + "::text end as document"
                                    + " from unnest($1::uuid[], $2::bigint[]) as t(initiative_id, known)"
                                    + " join " + model.table() + " r on r.initiative_id = t.initiative_id"
                                    + " order by t.initiative_id for update of r")
                            .execute(Tuple.of(ids, known)))
                    .chain(rows -> {
                        Uni<Void> read = Uni.createFrom().voidItem();
                        for (Row found : rows) {
                            UUID id = found.getUUID("initiative_id");
                            read = read.chain(() -> current(connection, model, id, found, cached.get(id))
                                    .invoke(row -> stored.put(id, new Stored<>(found.getLong("version"),
                                            found.getLong("snapshot_version"), row))).replaceWithVoid());
                        }
                        return read;
                    })
                    .chain(() -> {
                        Map<UUID, Long> behind = new LinkedHashMap<>();
                        for (UUID id : ids) {
                            long applied = stored.containsKey(id) ? stored.get(id).version() : 0;
                            if (wanted.get(id) > applied) {
                                behind.put(id, applied);
                            } else if (stored.containsKey(id)) {
                                written.put(id, new Written<>(new Change(applied, applied, 0), stored.get(id).row()));
                            }
                        }
                        return behind.isEmpty() ? Uni.createFrom().voidItem()
                                : eventStore.readAfter(connection, behind).chain(events -> save(connection, behind,
                                        stored, events));
                    });
        }

        private Uni<Void> save(SqlConnection connection, Map<UUID, Long> behind, Map<UUID, Stored<R>> stored,
                               Map<UUID, List<StoredEvent>> events) {
            List<Uni<Void>> saves = new ArrayList<>(behind.size());
            // each row's announcement waits for the poll's one statement (below) instead of costing its own round trip
            Map<UUID, Long> announced = new LinkedHashMap<>();
            Announce collect = (ignored, announcing, initiativeId, version) -> {
                announced.put(initiativeId, version);
                return Uni.createFrom().voidItem();
            };
            for (Map.Entry<UUID, Long> row : behind.entrySet()) {
                UUID id = row.getKey();
                Stored<R> before = stored.get(id);
                saves.add(Uni.createFrom().deferred(() -> foldAndSave(model, connection, row.getValue(),
                                before == null ? null : before.row(), events.getOrDefault(id, List.of()), wanted.get(id),
                                before == null ? -1 : before.snapshotVersion(), collect))
                        .invoke(change -> written.put(id, change)).replaceWithVoid());
            }
            // independent rows: their statements are pipelined on the one connection instead of
            // waiting for each other's round trips
            return Uni.join().all(saves).usingConcurrencyOf(saveConcurrency).andFailFast()
                    .chain(() -> changes.announce(connection, model, announced));
        }

        void keep() {
            written.forEach((id, change) -> {
                if (change.row() != null) {
                    cache.keep(model, id, change.change().toVersion(), change.row());
                }
            });
        }

        void forget() {
            written.clear();
            wanted.keySet().forEach(id -> cache.forget(model, id));
        }

        int written() {
            return (int) written.values().stream().filter(change -> change.change().events() > 0).count();
        }
    }

    /** A row as its transaction found it: its version, its document's, and the row itself. */
    private record Stored<R>(long version, long snapshotVersion, R row) {
    }

    /**
     * Replaces the row by a fold, from version 1, of everything the store holds for the
     * initiative. The old row is not even read, so a row that cannot be read is replaced too.
     */
    public <R> Uni<Change> rebuild(ReadModel<R> model, UUID initiativeId) {
        return rebuild(model, initiativeId, List.of());
    }

    /**
     * As {@link #rebuild(ReadModel, UUID)}, starting from {@code stream}, the initiative's events
     * from version 1 as read before the lock was taken; what was recorded since is read under it.
     */
    public <R> Uni<Change> rebuild(ReadModel<R> model, UUID initiativeId, List<StoredEvent> stream) {
        long read = stream.isEmpty() ? 0 : stream.get(stream.size() - 1).version();
        return underLock(model, initiativeId, false, (connection, applied, snapshotVersion, ignored) ->
                eventStore.read(connection, initiativeId, read + 1, Long.MAX_VALUE).chain(since -> {
                    List<StoredEvent> events = new ArrayList<>(stream.size() + since.size());
                    events.addAll(stream);
                    events.addAll(since);
                    return foldAndSave(model, connection, applied, null, events, Long.MAX_VALUE, -1,
                            changes::announce);
                }));
    }

    /**
     * Folds {@code events} into {@code start} (null: afresh) and saves the row in their place,
     * with its document when it is {@link #snapshotDue}. An event past {@code wanted} that the fold
     * refuses ends the fold before it.
     *
     * @param snapshotVersion the version the stored document is at; -1 when the row is written afresh
     * @param announce        how the row written is announced ({@link RowChanges})
     */
    private <R> Uni<Written<R>> foldAndSave(ReadModel<R> model, SqlConnection connection, long from, R start,
                                            List<StoredEvent> events, long wanted, long snapshotVersion,
                                            Announce announce) {
        ReadModel.Folding<R> folding = model.folding(start);
        int folded = 0;
        for (StoredEvent event : events) {
            try {
                folding.apply(event);
            } catch (RuntimeException refused) {
                if (event.version() <= wanted || folded == 0) {
                    throw new ApplyFailed(event, refused);
                }
                // The refused event may have left the working copy half changed: fold again up to it.
                folding = model.folding(start);
                for (StoredEvent before : events.subList(0, folded)) {
                    folding.apply(before);
                }
                break;
            }
            folded++;
        }
        if (folded == 0) {
            return Uni.createFrom().item(new Written<>(new Change(from, from, 0), start));
        }
        R row = folding.row();
        StoredEvent last = events.get(folded - 1);
        Written<R> written = new Written<>(new Change(from, model.version(row), folded), row);
        boolean readAhead = last.version() > wanted;
        boolean snapshot = snapshotDue(snapshotVersion, last.version());
        return model.save(connection, row, events.subList(0, folded))
                .chain(() -> snapshot ? connection.preparedQuery("update " + model.table() + " set "
                                + model.documentColumn() + " = $2::text::jsonb, snapshot_version = $3 where initiative_id = $1")
                        .execute(Tuple.of(last.initiativeId(), model.write(row), last.version())).replaceWithVoid()
                        : Uni.createFrom().voidItem())
                .chain(() -> announce.on(connection, model, last.initiativeId(), last.version()))
                .onFailure(failure -> !PgErrors.isTransient(failure))
                .transform(failure -> readAhead ? new ReadAheadRefused(failure) : new ApplyFailed(last, failure))
                .replaceWith(written);
    }

    /** Whether a row at {@code version}, whose document is at {@code snapshotVersion} (-1: none), gets its document written. */
    private boolean snapshotDue(long snapshotVersion, long version) {
        return snapshotVersion < 0 || version - snapshotVersion >= snapshotEvery;
    }

    private <R> Uni<Change> underLock(ReadModel<R> model, UUID initiativeId, boolean readRow, Work<R> work) {
        RowCache.Cached<R> cached = readRow ? cache.get(model, initiativeId).orElse(null) : null;
        long known = cached == null ? -1 : cached.version();
        return pool.withTransaction(connection -> setLockTimeout(connection)
                        .chain(() -> connection.preparedQuery("select pg_advisory_xact_lock(hashtext($1), hashtext($2))")
                                .execute(Tuple.of(model.table(), initiativeId.toString())))
                        .chain(() -> connection.preparedQuery(select(model, readRow, " for update"))
                                .execute(Tuple.of(initiativeId, readRow ? known : null)))
                        .chain(rows -> {
                            if (rows.size() == 0) {
                                return work.on(connection, 0, 0, null);
                            }
                            Row found = rows.iterator().next();
                            long applied = found.getLong("version");
                            long snapshotVersion = found.getLong("snapshot_version");
                            if (!readRow) {
                                return work.on(connection, applied, snapshotVersion, null);
                            }
                            // a row that cannot be read fails as ApplyFailed (below), like a refused event
                            return current(connection, model, initiativeId, found, cached)
                                    .chain(current -> work.on(connection, applied, snapshotVersion, current));
                        }))
                .invoke(written -> {
                    if (written.row() != null) {
                        cache.keep(model, initiativeId, written.change().toVersion(), written.row());
                    }
                })
                .onFailure().invoke(failure -> cache.forget(model, initiativeId))
                .map(Written::change)
                .onFailure(failure -> !(failure instanceof ApplyFailed) && !(failure instanceof ReadAheadRefused)
                        && !PgErrors.isTransient(failure))
                .transform(failure -> new ApplyFailed(null, failure));
    }

    private Uni<Void> setLockTimeout(SqlConnection connection) {
        return connection.query("set local lock_timeout = " + Math.max(1, lockTimeout.toMillis())).execute()
                .replaceWithVoid();
    }

    /** Announces a row written at a version: at once, or gathered for one statement. */
    @FunctionalInterface
    private interface Announce {
        Uni<Void> on(SqlConnection connection, ReadModel<?> model, UUID initiativeId, long version);
    }

    @FunctionalInterface
    private interface Work<R> {
        Uni<Written<R>> on(SqlConnection connection, long applied, long snapshotVersion, R row);
    }

    /** The row, read ahead past the version asked for, was refused: the catch-up is made again without. */
    private static final class ReadAheadRefused extends RuntimeException {
        ReadAheadRefused(Throwable cause) {
            super(cause.getMessage(), cause, false, false);
        }
    }
}
