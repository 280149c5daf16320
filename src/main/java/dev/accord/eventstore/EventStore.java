package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
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
     * What a read model row at version {@code applied} must apply to take in {@code event}: none
     * when it has it already (a redelivery), the event alone when it is next, and otherwise the
     * versions it missed up to and including it, from the store, so a row never skips a fact.
     */
    public Uni<List<StoredEvent>> toApply(StoredEvent event, long applied) {
        if (event.version() <= applied) {
            return Uni.createFrom().item(List.of());
        }
        if (event.version() == applied + 1) {
            return Uni.createFrom().item(List.of(event));
        }
        return read(event.initiativeId(), applied + 1, (int) (event.version() - applied));
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
