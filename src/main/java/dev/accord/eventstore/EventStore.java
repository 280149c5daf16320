package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store of record. Appends go through Hibernate Reactive in the caller's
 * transaction, with the outbox row beside the event, so an event is never stored without
 * being scheduled for publication and vice versa.
 */
@ApplicationScoped
public class EventStore {

    @Inject
    Pool pool;

    /** The whole stream of one initiative, oldest first, within the caller's session. */
    public Uni<List<StoredEvent>> load(Mutiny.Session session, UUID initiativeId) {
        return session.createSelectionQuery(
                        "from EventRecord where initiativeId = :id order by version", EventRecord.class)
                .setParameter("id", initiativeId)
                .getResultList()
                .map(rows -> rows.stream().map(EventRecord::toStoredEvent).toList());
    }

    /**
     * A page of one initiative's stream, from {@code fromVersion} on. Reads outside a command go
     * through the plain reactive client: they need no session and may run on any thread.
     */
    public Uni<List<StoredEvent>> read(UUID initiativeId, long fromVersion, int limit) {
        return pool.preparedQuery("select " + EventRows.COLUMNS + " " + """
                         from event_store e
                        where e.initiative_id = $1 and e.version >= $2
                        order by e.version
                        limit $3""")
                .execute(Tuple.of(initiativeId, fromVersion, limit))
                .map(EventRows::toStoredEvents);
    }

    /**
     * Versions {@code fromVersion} to {@code toVersion} of one stream, oldest first, through
     * {@code client} (a read model's transaction reads the store on its own connection).
     */
    public Uni<List<StoredEvent>> read(SqlClient client, UUID initiativeId, long fromVersion, long toVersion) {
        return client.preparedQuery("select " + EventRows.COLUMNS + " " + """
                         from event_store e
                        where e.initiative_id = $1 and e.version between $2 and $3
                        order by e.version""")
                .execute(Tuple.of(initiativeId, fromVersion, toVersion))
                .map(EventRows::toStoredEvents);
    }

    /** Which event the store holds at {@code version} of a stream, without decoding its data. */
    public Uni<Optional<Recorded>> recorded(UUID initiativeId, long version) {
        return pool.preparedQuery("select event_id, type from event_store where initiative_id = $1 and version = $2")
                .execute(Tuple.of(initiativeId, version))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Recorded(
                        rows.iterator().next().getUUID("event_id"), rows.iterator().next().getString("type"))));
    }

    /** An event's identity in the store: what a record claiming to be it must repeat. */
    public record Recorded(UUID eventId, String type) {
    }

    /** Every initiative with a stream, in a stable order. */
    public Uni<List<UUID>> initiativeIds() {
        return pool.query("select distinct initiative_id from event_store order by initiative_id").execute()
                .map(rows -> {
                    List<UUID> ids = new ArrayList<>(rows.size());
                    rows.forEach(row -> ids.add(row.getUUID("initiative_id")));
                    return ids;
                });
    }

    /**
     * The stream as it stood at {@code until}: the longest run of versions from 1 whose events
     * were all recorded by then. (A prefix, so a fold never sees a fact without its antecedents,
     * even if a retried command stored a later version with an earlier timestamp.)
     */
    public Uni<List<StoredEvent>> readRecordedUntil(UUID initiativeId, Instant until) {
        return pool.preparedQuery("select " + EventRows.COLUMNS + " " + """
                         from event_store e
                        where e.initiative_id = $1
                          and e.version < coalesce((select min(later.version) from event_store later
                                                     where later.initiative_id = $1 and later.recorded_at > $2),
                                                   9223372036854775807)
                        order by e.version""")
                .execute(Tuple.of(initiativeId, until.atOffset(ZoneOffset.UTC)))
                .map(EventRows::toStoredEvents);
    }

    /** The version of the initiative's latest recorded event; 0 when nothing is recorded. */
    public Uni<Long> latestVersion(UUID initiativeId) {
        return pool.preparedQuery("select coalesce(max(version), 0) as latest from event_store where initiative_id = $1")
                .execute(Tuple.of(initiativeId))
                .map(rows -> rows.iterator().next().getLong("latest"));
    }

    public Uni<Boolean> exists(UUID initiativeId) {
        return pool.preparedQuery("select 1 from event_store where initiative_id = $1 limit 1")
                .execute(Tuple.of(initiativeId))
                .map(rows -> rows.size() > 0);
    }

    /**
     * Appends one event at {@code expectedVersion + 1}. A concurrent writer that got there first
     * makes the flush fail on the unique (initiative_id, version): see {@link #isVersionConflict}.
     */
    public Uni<StoredEvent> append(Mutiny.Session session, long expectedVersion, InitiativeEvent event,
                                   Instant recordedAt, String correlationId) {
        StoredEvent stored = new StoredEvent(UUID.randomUUID(), event.initiativeId(), expectedVersion + 1,
                EventTypes.typeOf(event), event, recordedAt, correlationId);
        return session.persist(EventRecord.of(stored))
                .chain(() -> session.persist(OutboxRecord.of(stored)))
                .chain(session::flush)
                .replaceWith(stored);
    }

    public static boolean isVersionConflict(Throwable failure) {
        return PgErrors.isUniqueViolation(failure, "event_store_stream_version");
    }
}
