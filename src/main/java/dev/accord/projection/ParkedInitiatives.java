package dev.accord.projection;

import dev.accord.eventstore.EventStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The projection_parked table: which read model stopped applying which initiative, and why. */
@ApplicationScoped
class ParkedInitiatives {

    /** Errors are kept to a length an operator reads; the full trace is in the log. */
    private static final int MAX_ERROR = 2000;

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    /** What the store holds at a version of an initiative's stream, and who has that initiative parked. */
    record AtVersion(Optional<EventStore.Recorded> recorded, Set<String> parking) {
    }

    /** The event the store holds at {@code version} (if any) and the read models parking the initiative, in one query. */
    Uni<AtVersion> atVersion(UUID initiativeId, long version) {
        return pool.preparedQuery("""
                        select e.event_id, e.type,
                               array(select projection from projection_parked where initiative_id = $1) as parking
                          from (select 1) as one
                          left join event_store e on e.initiative_id = $1 and e.version = $2""")
                .execute(Tuple.of(initiativeId, version))
                .map(rows -> atVersion(rows.iterator().next()));
    }

    /**
     * {@link #atVersion} for every trigger of a batch, in one query: what the store holds at each
     * trigger's version, and who parks its initiative.
     */
    Uni<Map<Trigger, AtVersion>> atVersions(List<Trigger> triggers) {
        UUID[] ids = new UUID[triggers.size()];
        Long[] versions = new Long[triggers.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = triggers.get(i).initiativeId();
            versions[i] = triggers.get(i).version();
        }
        return pool.preparedQuery("""
                        select t.initiative_id, t.version, e.event_id, e.type,
                               array(select projection from projection_parked p
                                      where p.initiative_id = t.initiative_id) as parking
                          from unnest($1::uuid[], $2::bigint[]) as t(initiative_id, version)
                          left join event_store e on e.initiative_id = t.initiative_id and e.version = t.version""")
                .execute(Tuple.of(ids, versions))
                .map(rows -> {
                    Map<Position, AtVersion> found = new HashMap<>();
                    rows.forEach(row -> found.put(new Position(row.getUUID("initiative_id"), row.getLong("version")),
                            atVersion(row)));
                    Map<Trigger, AtVersion> answers = new HashMap<>();
                    triggers.forEach(trigger -> answers.put(trigger,
                            found.get(new Position(trigger.initiativeId(), trigger.version()))));
                    return answers;
                });
    }

    private record Position(UUID initiativeId, long version) {
    }

    private static AtVersion atVersion(Row row) {
        UUID eventId = row.getUUID("event_id");
        return new AtVersion(eventId == null ? Optional.empty()
                : Optional.of(new EventStore.Recorded(eventId, row.getString("type"))),
                Set.of(row.getArrayOfStrings("parking")));
    }

    /** The read models that have the initiative parked. */
    Uni<Set<String>> projectionsParking(UUID initiativeId) {
        return pool.preparedQuery("select projection from projection_parked where initiative_id = $1")
                .execute(Tuple.of(initiativeId))
                .map(rows -> {
                    Set<String> names = new HashSet<>();
                    rows.forEach(row -> names.add(row.getString("projection")));
                    return names;
                });
    }

    /**
     * Records (or, parked again, updates) the failure; an earlier park keeps its time. The event
     * id and type are null when no single event was to blame.
     */
    Uni<Void> park(String projection, UUID initiativeId, long version, UUID eventId, String type, String error) {
        return pool.preparedQuery("""
                        insert into projection_parked (projection, initiative_id, version, event_id, type, error,
                                                       parked_at, latest_waiting)
                        values ($1, $2, $3, $4, $5, $6, $7, $3)
                        on conflict (projection, initiative_id) do update
                           set version = excluded.version, event_id = excluded.event_id, type = excluded.type,
                               error = excluded.error,
                               latest_waiting = greatest(projection_parked.latest_waiting, excluded.version)""")
                .execute(Tuple.tuple().addValue(projection).addValue(initiativeId).addValue(version)
                        .addValue(eventId).addValue(type).addValue(shorten(error))
                        .addValue(clock.instant().atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    /** @return false when the initiative is no longer parked (a retry released it meanwhile) */
    Uni<Boolean> waitBehind(String projection, UUID initiativeId, long version) {
        return pool.preparedQuery("update projection_parked set latest_waiting = greatest(latest_waiting, $3)"
                        + " where projection = $1 and initiative_id = $2")
                .execute(Tuple.of(projection, initiativeId, version))
                .map(rows -> rows.rowCount() > 0);
    }

    Uni<Void> release(String projection, UUID initiativeId) {
        return pool.preparedQuery("delete from projection_parked where projection = $1 and initiative_id = $2")
                .execute(Tuple.of(projection, initiativeId))
                .replaceWithVoid();
    }

    Uni<List<Parked>> all() {
        return pool.query("select * from projection_parked order by parked_at, initiative_id").execute()
                .map(rows -> {
                    List<Parked> parked = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        parked.add(new Parked(row.getString("projection"), row.getUUID("initiative_id"),
                                row.getLong("version"), row.getUUID("event_id"), row.getString("type"),
                                row.getString("error"),
                                row.getOffsetDateTime("parked_at").toInstant(), row.getLong("latest_waiting")));
                    }
                    return parked;
                });
    }

    private static String shorten(String error) {
        String text = error == null ? "unknown failure" : error;
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR) + "…";
    }
}
