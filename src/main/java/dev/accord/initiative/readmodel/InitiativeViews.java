package dev.accord.initiative.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.readmodel.ReadModel;
import dev.accord.readmodel.ReadModelRows;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The initiative read model in PostgreSQL: one document per initiative, remembering the last
 * version it applied. How events reach it (idempotently, in order, from the event store) is
 * {@link dev.accord.readmodel.ReadModelRows}'s, as for every read model.
 */
@ApplicationScoped
public class InitiativeViews implements ReadModel<InitiativeDetails> {

    private static final TypeReference<List<String>> UNITS = new TypeReference<>() {
    };

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Inject
    ReadModelRows rows;

    /* Resolved once: a document written in a rebuild or a snapshot does not look its serializers up again. */
    private ObjectWriter documents;
    private ObjectWriter unitLists;

    @PostConstruct
    void writers() {
        documents = json.writerFor(InitiativeDetails.class);
        unitLists = json.writerFor(UNITS);
    }

    @Override
    public String name() {
        return "initiative-details";
    }

    @Override
    public String table() {
        return "initiative_view";
    }

    @Override
    public String documentColumn() {
        return "document";
    }

    @Override
    public long version(InitiativeDetails row) {
        return row.version();
    }

    @Override
    public Folding<InitiativeDetails> folding(InitiativeDetails row) {
        return InitiativeDetailsFold.resume(row);
    }

    /** The initiative as projected, read again only when its version moved since this replica last had it. */
    public Uni<Optional<InitiativeDetails>> find(UUID initiativeId) {
        return rows.find(this, initiativeId);
    }

    /**
     * A page of summaries, newest first, with the score and band the alignment read model last
     * evaluated (its clock keeps them current as due dates pass); an initiative whose alignment
     * is not projected yet reads as UNKNOWN.
     */
    public Uni<Page<InitiativeSummary>> list(int page, int size, Optional<InitiativeStatus> status,
                                             Optional<String> unit, Optional<String> band) {
        String from = " from initiative_view v left join alignment_view a on a.initiative_id = v.initiative_id"
                + " where ($1::text is null or v.status = $1) and ($2::text is null or v.units ? $2)"
                + " and ($3::text is null or coalesce(a.band, 'UNKNOWN') = $3)";
        Tuple filters = Tuple.of(status.map(Enum::name).orElse(null), unit.orElse(null), band.orElse(null));
        Uni<Long> total = pool.preparedQuery("select count(*) as total" + from)
                .execute(filters)
                .map(rows -> rows.iterator().next().getLong("total"));
        Uni<List<InitiativeSummary>> items = pool.preparedQuery("select v.initiative_id, v.title, v.status,"
                        + " v.sponsor_id, v.units::text as units, v.participant_count, v.version, v.launched_at,"
                        + " v.updated_at, a.score, coalesce(a.band, 'UNKNOWN') as band" + from
                        + " order by v.launched_at desc, v.initiative_id limit $4 offset $5")
                .execute(Tuple.of(filters.getValue(0), filters.getValue(1), filters.getValue(2), size,
                        (long) page * size))
                .map(rows -> {
                    List<InitiativeSummary> summaries = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        summaries.add(summary(row));
                    }
                    return summaries;
                });
        return Uni.combine().all().unis(items, total).asTuple()
                .map(result -> Page.of(result.getItem1(), page, size, result.getItem2()));
    }

    /** A line of the listing, from the row's columns alone. */
    private InitiativeSummary summary(Row row) {
        try {
            return new InitiativeSummary(row.getUUID("initiative_id"), row.getString("title"),
                    InitiativeStatus.valueOf(row.getString("status")), row.getString("sponsor_id"),
                    json.readValue(row.getString("units"), UNITS), row.getInteger("participant_count"),
                    row.getInteger("score"), row.getString("band"), row.getLong("version"),
                    row.getOffsetDateTime("launched_at").toInstant(), row.getOffsetDateTime("updated_at").toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable initiative units", e);
        }
    }

    @Override
    public Uni<Void> save(SqlClient connection, InitiativeDetails details, List<StoredEvent> events) {
        return connection.preparedQuery("""
                        insert into initiative_view (initiative_id, version, snapshot_version, status, title,
                                                     launched_at, updated_at, participant_count, sponsor_id, units)
                        values ($1, $2, 0, $3, $4, $5, $6, $7, $8, $9::text::jsonb)
                        on conflict (initiative_id) do update
                           set version = excluded.version, status = excluded.status, title = excluded.title,
                               updated_at = excluded.updated_at, participant_count = excluded.participant_count,
                               sponsor_id = excluded.sponsor_id, units = excluded.units""")
                .execute(Tuple.tuple(List.of(details.initiativeId(), details.version(), details.status().name(),
                        details.title(), details.launchedAt().atOffset(ZoneOffset.UTC),
                        details.updatedAt().atOffset(ZoneOffset.UTC), details.participants().size(),
                        details.sponsor().personId(), json(unitLists, details.units()))))
                .replaceWithVoid();
    }

    @Override
    public InitiativeDetails read(String document) {
        try {
            return json.readValue(document, InitiativeDetails.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable initiative document", e);
        }
    }

    @Override
    public String write(InitiativeDetails details) {
        return json(documents, details);
    }

    private static String json(ObjectWriter writer, Object value) {
        try {
            return writer.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write initiative document", e);
        }
    }
}
