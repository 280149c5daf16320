package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.eventstore.EventStore;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.readmodel.ReadModel;
import dev.accord.readmodel.ReadModelRows;
import dev.accord.readmodel.RowCache;
import dev.accord.readmodel.RowChanges;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The alignment read model in PostgreSQL, fed like every read model by
 * {@link dev.accord.readmodel.ReadModelRows} (idempotent by version, from the event store).
 * Each row keeps the folded facts, from which every reader gets the state at its own clock, and the state as last evaluated, for queries
 * across initiatives; {@link #refreshDue} evaluates rows again when a due date has passed.
 * Every change is announced on {@link RowChanges#CHANNEL}, and every change of the evaluated state is
 * published on the state and signals topics by {@link AlignmentPublication}, in the same transaction.
 */
@ApplicationScoped
public class AlignmentViews implements ReadModel<AlignmentFacts> {

    /**
     * The state last evaluated at a version, per initiative, kept with its rows ({@link RowCache}),
     * and its JSON once a read wrote it. It weighs its items ({@link StateWeight}), the JSON
     * included: a state's JSON is a few hundred bytes an item, like the recommendations'
     * JSON {@link StateJson} keeps.
     */
    private static final RowCache.Part<Evaluated> EVALUATED =
            new RowCache.Part<>("evaluated alignment state", evaluated -> StateWeight.of(evaluated.state()));

    @Inject
    ReadModelRows rows;

    /** What this replica remembers per initiative: the rows, and beside them what this read model keeps. */
    @Inject
    RowCache memory;

    @Inject
    RowChanges changes;

    @Inject
    AlignmentPublication publication;

    @Inject
    Pool pool;

    @Inject
    EventStore eventStore;

    @Inject
    ObjectMapper json;

    @Inject
    Clock clock;

    /** The state column's JSON, written with the unchanged recommendations of the last state taken again. */
    private StateJson stateJson;

    private KeptFolds kept;

    @PostConstruct
    void writers() {
        stateJson = new StateJson(json, memory);
        kept = new KeptFolds(memory);
    }

    @Override
    public String name() {
        return "alignment";
    }

    @Override
    public String table() {
        return "alignment_view";
    }

    @Override
    public String documentColumn() {
        return "facts";
    }

    @Override
    public long version(AlignmentFacts row) {
        return row.version();
    }

    /** A working copy that continues the fold which gave {@code row} when it is still kept ({@link KeptFolds}). */
    @Override
    public Folding<AlignmentFacts> folding(AlignmentFacts row) {
        return kept.folding(row);
    }

    /**
     * The facts the live projection folded, if it has seen the initiative. Facts already read or
     * written at the row's current version are kept in memory ({@link RowCache}), so a read
     * usually fetches the version alone.
     */
    public Uni<Optional<AlignmentFacts>> find(UUID initiativeId) {
        return rows.find(this, initiativeId);
    }

    /**
     * The state of {@code facts} at {@code now}. A state evaluated earlier at the same version is
     * answered again (at {@code now}) while no open commitment has fallen due since.
     */
    public AlignmentState evaluate(AlignmentFacts facts, Instant now) {
        Evaluated evaluated = evaluated(facts, now);
        return evaluated.state().asOf().equals(now) ? evaluated.state() : evaluated.state().at(now);
    }

    /**
     * The JSON of {@link #evaluate evaluate(facts, now)}, as the application's mapper writes it. It
     * is written once per state evaluated, then only its {@code asOf} per read ({@link StateBody}):
     * the bytes kept are those of the state evaluated at {@code facts}' version, never another's.
     */
    public StateBody body(AlignmentFacts facts, Instant now) {
        return evaluated(facts, now).body(json);
    }

    /** The state kept for {@code facts}' version when it still holds at {@code now}, or a new evaluation, kept. */
    private Evaluated evaluated(AlignmentFacts facts, Instant now) {
        Evaluated cached = memory.get(EVALUATED, facts.initiativeId()).orElse(null);
        if (cached != null && cached.version() == facts.version()
                && !now.isBefore(cached.state().asOf()) && !now.isAfter(cached.unchangedUntil())) {
            return cached;
        }
        Evaluated fresh = new Evaluated(facts.version(), Alignment.evaluate(facts, now),
                Alignment.unchangedUntil(facts, now));
        memory.merge(EVALUATED, facts.initiativeId(), fresh, (old, kept) -> old.version() > kept.version() ? old : kept);
        return fresh;
    }

    /**
     * The state last evaluated at a version, until when it holds, and its JSON once a read asked
     * for it (written by whichever read comes first: two that race write the same bytes).
     */
    private record Evaluated(long version, AlignmentState state, Instant unchangedUntil,
                             AtomicReference<StateBody> written) {

        Evaluated(long version, AlignmentState state, Instant unchangedUntil) {
            this(version, state, unchangedUntil, new AtomicReference<>());
        }

        StateBody body(ObjectMapper json) {
            StateBody body = written.get();
            if (body == null) {
                body = StateBody.of(json, state);
                written.set(body);
            }
            return body;
        }
    }

    /** The facts folded afresh from the event store: what a rebuild would store. */
    public Uni<Optional<AlignmentFacts>> rebuilt(UUID initiativeId) {
        return eventStore.read(initiativeId, 1, Integer.MAX_VALUE)
                .map(events -> events.isEmpty() ? Optional.empty()
                        : Optional.of(AlignmentFold.fold(initiativeId, events.stream().map(StoredEvent::event).toList())));
    }

    /** The facts of the events recorded up to {@code asOf} (empty before the launch was recorded). */
    public Uni<Optional<AlignmentFacts>> asOf(UUID initiativeId, Instant asOf) {
        return eventStore.readRecordedUntil(initiativeId, asOf)
                .map(events -> events.isEmpty() ? Optional.empty()
                        : Optional.of(AlignmentFold.fold(initiativeId, events.stream().map(StoredEvent::event).toList())));
    }

    /**
     * Evaluates again the rows whose next due date has passed (a commitment fell overdue, so the
     * score, band and recommendations moved without an event), publishing what changed (a
     * CommitmentOverdue among it). Rows are claimed with SKIP LOCKED, so replicas share the work
     * and no two evaluate one row at once.
     *
     * @return how many rows were evaluated again
     */
    public Uni<Integer> refreshDue(int limit) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("select initiative_id from alignment_view where next_due_at < $1"
                        + " order by next_due_at limit $2 for update skip locked")
                .execute(Tuple.of(now().atOffset(ZoneOffset.UTC), limit))
                .chain(rows -> {
                    List<UUID> due = new ArrayList<>();
                    for (Row row : rows) {
                        due.add(row.getUUID("initiative_id"));
                    }
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (UUID initiativeId : due) {
                        chain = chain.chain(() -> this.rows.find(connection, this, initiativeId))
                                .chain(found -> found.isEmpty() ? Uni.createFrom().voidItem()
                                        : save(connection, found.get(), List.of())
                                        .chain(() -> changes.announce(connection, this, initiativeId,
                                                found.get().version())));
                    }
                    return chain.replaceWith(due.size());
                }));
    }

    /**
     * Writes the row's evaluated columns (its facts document is {@link ReadModelRows}' to write, as a
     * snapshot): the state as text, which PostgreSQL stores without parsing it, and beside it the
     * parts of it the portfolio queries (status, stages, disconnected unit pairs). It also indexes
     * for the people view everyone who joined in {@code events}, even if they left again within them. Only active participants can be named in a conversation or
     * commit, so everyone the facts name joined in some event: each is indexed when it is folded.
     * The state published before is read in the statement that overwrites it, and the new one is
     * published when it differs ({@link AlignmentPublication}); the statement also records it as
     * published when this replica knows the state it is published over, so the row is written once.
     */
    @Override
    public Uni<Void> save(SqlClient connection, AlignmentFacts facts, List<StoredEvent> events) {
        Instant now = now();
        // evaluated through the replica's cache, so the reader that waits for this version gets it again
        AlignmentState state = evaluate(facts, now);
        Instant nextDue = facts.commitments().stream()
                .filter(commitment -> commitment.status() == CommitmentStatus.OPEN && !commitment.dueBy().isBefore(now))
                .map(CommitmentFacts::dueBy).min(Instant::compareTo).orElse(null);
        Set<String> newcomers = joinedIn(events);
        String document = stateJson(state);
        // what this replica saw published, held here: the query leaves its state out when it is the row's
        AlignmentPublication.Published known = publication.known(facts.initiativeId());
        // The state published before, read in the same statement, before it is overwritten (one snapshot);
        // $9 is recorded as published when the row's published_id is the one this replica knows ($8).
        return connection.preparedQuery("""
                        with published as (
                            select published_id,
                                   case when published_id = $8 then null else state end as state
                              from alignment_view where initiative_id = $1)
                        insert into alignment_view (initiative_id, version, snapshot_version, state, score, band,
                                                    evaluated_at, next_due_at, published_id, status, stages,
                                                    disconnected_units)
                        values ($1, $2, 0, $3, $4, $5, $6, $7, case when $8::uuid is null then $9::uuid end,
                                $10, $11::text::jsonb, $12::text::jsonb)
                        on conflict (initiative_id) do update
                           set version = excluded.version, state = excluded.state,
                               score = excluded.score, band = excluded.band, evaluated_at = excluded.evaluated_at,
                               next_due_at = excluded.next_due_at, status = excluded.status,
                               stages = excluded.stages, disconnected_units = excluded.disconnected_units,
                               published_id = coalesce(case when alignment_view.published_id = $8 then $9::uuid end,
                                                       alignment_view.published_id)
                        returning (select published_id from published) as published_id,
                                  (select state from published) as published_state,
                                  alignment_view.published_id as recorded_id""")
                .execute(Tuple.tuple()
                        .addValue(facts.initiativeId())
                        .addValue(facts.version())
                        .addValue(document)
                        .addValue(state.score())
                        .addValue(state.band().name())
                        .addValue(now.atOffset(ZoneOffset.UTC))
                        .addValue(nextDue == null ? null : nextDue.atOffset(ZoneOffset.UTC))
                        .addValue(known == null ? null : known.id())
                        .addValue(publication.intended(state, known))
                        .addValue(state.status().name())
                        .addValue(json(state.stages()))
                        .addValue(json(state.units().disconnected())))
                .chain(written -> {
                    Row previous = written.iterator().next();
                    return publication.publish(connection, facts, state, document, known,
                            previous.getUUID("published_id"), previous.getString("published_state"),
                            previous.getUUID("recorded_id"));
                })
                .chain(() -> newcomers.isEmpty() ? Uni.createFrom().voidItem() : connection.preparedQuery("""
                                insert into alignment_person (person_id, initiative_id)
                                select person, $2 from unnest($1::varchar[]) as person
                                on conflict do nothing""")
                        .execute(Tuple.of(newcomers.toArray(String[]::new), facts.initiativeId())).replaceWithVoid())
                .replaceWithVoid();
    }

    /** Everyone who joined in {@code events}: the sponsor at the launch, and each participant joining. */
    private static Set<String> joinedIn(List<StoredEvent> events) {
        Set<String> joined = new HashSet<>();
        for (StoredEvent stored : events) {
            if (stored.event() instanceof InitiativeEvent.InitiativeLaunched launched) {
                joined.add(launched.sponsor().personId());
            } else if (stored.event() instanceof InitiativeEvent.ParticipantJoined participant) {
                joined.add(participant.personId());
            }
        }
        return joined;
    }

    /** To the microsecond, as PostgreSQL keeps instants: the state's asOf is also its record's ce_time. */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    @Override
    public AlignmentFacts read(String document) {
        try {
            return json.readValue(document, AlignmentFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alignment facts", e);
        }
    }

    @Override
    public String write(AlignmentFacts facts) {
        return json(facts);
    }

    private String stateJson(AlignmentState state) {
        try {
            return stateJson.write(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alignment state", e);
        }
    }

    private String json(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the alignment read model", e);
        }
    }
}
