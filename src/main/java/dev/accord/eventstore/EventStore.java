package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The event store of record. An append writes its events and their outbox rows in one statement
 * (so an event is never stored without being scheduled for publication and vice versa), in one
 * round trip: autocommitted on the pool, or inside the caller's transaction on its connection.
 */
@ApplicationScoped
public class EventStore {

    /*
     * The rows travel as one array per column and are unnested in order; the outbox rows are
     * inserted in version order, so their ids (the relay's order) follow the stream. The data
     * travels as text and is cast: a bare string parameter would be stored as a JSON string.
     */
    private static final String APPEND = """
            with e as (
                insert into event_store (event_id, initiative_id, version, type, data, recorded_at, correlation_id,
                                         actor)
                select r.event_id, $2, r.version, r.type, r.data::jsonb, r.recorded_at, r.correlation_id, r.actor
                  from unnest($1::uuid[], $3::bigint[], $4::text[], $5::text[], $6::timestamptz[], $7::text[],
                              $8::text[])
                       as r(event_id, version, type, data, recorded_at, correlation_id, actor)
                returning event_id, initiative_id, version, recorded_at)
            insert into outbox (event_id, initiative_id, version, created_at)
            select event_id, initiative_id, version, recorded_at from e order by version""";

    @Inject
    Pool pool;

    /** The events of one initiative after {@code afterVersion} (0: the whole stream), oldest first. */
    public Uni<List<InitiativeEvent>> eventsAfter(UUID initiativeId, long afterVersion) {
        return pool.preparedQuery("""
                        select type, data::text as data from event_store
                         where initiative_id = $1 and version > $2
                         order by version""")
                .execute(Tuple.of(initiativeId, afterVersion))
                .map(rows -> {
                    List<InitiativeEvent> events = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        events.add(EventCodec.decode(row.getString("type"), row.getString("data")));
                    }
                    return events;
                });
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

    /**
     * The events after {@code after.get(id)} of each stream {@code id}, oldest first, in one query
     * through {@code client}: how a read model catches several initiatives up in one transaction.
     */
    public Uni<Map<UUID, List<StoredEvent>>> readAfter(SqlClient client, Map<UUID, Long> after) {
        UUID[] ids = after.keySet().toArray(UUID[]::new);
        Long[] versions = new Long[ids.length];
        for (int i = 0; i < ids.length; i++) {
            versions[i] = after.get(ids[i]);
        }
        return client.preparedQuery("select " + EventRows.COLUMNS + " " + """
                         from unnest($1::uuid[], $2::bigint[]) as t(initiative_id, after)
                         join event_store e on e.initiative_id = t.initiative_id and e.version > t.after
                        order by e.initiative_id, e.version""")
                .execute(Tuple.of(ids, versions))
                .map(rows -> {
                    Map<UUID, List<StoredEvent>> streams = new HashMap<>();
                    for (StoredEvent event : EventRows.toStoredEvents(rows)) {
                        streams.computeIfAbsent(event.initiativeId(), id -> new ArrayList<>()).add(event);
                    }
                    return streams;
                });
    }

    /** Which event the store holds at {@code version} of a stream, without decoding its data. */
    public Uni<Optional<Recorded>> recorded(UUID initiativeId, long version) {
        return pool.preparedQuery("select event_id, type from event_store where initiative_id = $1 and version = $2")
                .execute(Tuple.of(initiativeId, version))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(new Recorded(
                        rows.iterator().next().getUUID("event_id"), rows.iterator().next().getString("type"))));
    }

    /**
     * An event's identity in the store: what a record claiming to be it must repeat. The type is
     * the one it is published as: the stored type, upcast ({@link EventUpcasters#currentType}).
     */
    public record Recorded(UUID eventId, String type) {
        public Recorded {
            type = EventUpcasters.currentType(type);
        }
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
     * Appends {@code events}, all of one initiative, at the versions after {@code expectedVersion}
     * (contiguous, in order), each with its outbox row, in one statement through {@code client}:
     * the pool (the statement commits on its own) or a transaction's connection. All or none: a
     * concurrent writer that got to any of those versions first makes it fail on the unique
     * (initiative_id, version), see {@link #isVersionConflict}.
     */
    public Uni<List<StoredEvent>> append(SqlClient client, long expectedVersion, List<Appending> events) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("nothing to append");
        }
        UUID initiativeId = events.get(0).event().initiativeId();
        List<StoredEvent> stored = new ArrayList<>(events.size());
        for (Appending appending : events) {
            if (!appending.event().initiativeId().equals(initiativeId)) {
                throw new IllegalArgumentException("one append holds the events of one initiative");
            }
            stored.add(new StoredEvent(UUID.randomUUID(), initiativeId, expectedVersion + stored.size() + 1,
                    EventTypes.typeOf(appending.event()), appending.event(), appending.recordedAt(),
                    appending.correlationId(), appending.actor()));
        }
        return client.preparedQuery(APPEND).execute(columns(initiativeId, stored)).replaceWith(stored);
    }

    private static Tuple columns(UUID initiativeId, List<StoredEvent> stored) {
        return Tuple.from(List.of(
                Columns.of(stored, StoredEvent::eventId, UUID[]::new),
                initiativeId,
                Columns.of(stored, StoredEvent::version, Long[]::new),
                Columns.of(stored, StoredEvent::type, String[]::new),
                Columns.of(stored, event -> EventCodec.encode(event.event()), String[]::new),
                Columns.of(stored, event -> event.recordedAt().atOffset(ZoneOffset.UTC), OffsetDateTime[]::new),
                Columns.of(stored, StoredEvent::correlationId, String[]::new),
                Columns.of(stored, StoredEvent::actor, String[]::new)));
    }

    /**
     * An event to append, with when it was recorded, the correlation id of the command that
     * decided it and who sent that command ({@code actor}: null when authentication is off).
     */
    public record Appending(InitiativeEvent event, Instant recordedAt, String correlationId, String actor) {
    }

    public static boolean isVersionConflict(Throwable failure) {
        return PgErrors.isUniqueViolation(failure, "event_store_stream_version");
    }
}
