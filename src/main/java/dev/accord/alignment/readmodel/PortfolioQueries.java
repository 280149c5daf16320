package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.Band;
import dev.accord.alignment.domain.EnrollmentStage;
import dev.accord.initiative.domain.InitiativeStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The PMO view across initiatives, from the states the alignment read model last evaluated
 * (kept current with the clock): initiatives per band, stage coverage pooled over every
 * participant of every initiative and the weakest stage, and the unit pairs most often
 * disconnected.
 */
@ApplicationScoped
public class PortfolioQueries {

    static final int TOP_PAIRS = 10;

    public record Portfolio(int initiatives, List<BandGroup> bands, List<PooledStage> stages, PooledStage weakestStage,
                            List<DisconnectedPair> disconnectedUnits) {
    }

    public record BandGroup(Band band, int count, List<InitiativeScore> initiatives) {
    }

    public record InitiativeScore(UUID initiativeId, String title, Integer score) {
    }

    /** Engaged participants over all participants, summed across initiatives. */
    public record PooledStage(EnrollmentStage stage, int number, long engaged, long of, double coverage) {
    }

    /** A pair of units and in how many initiatives it has no relationship. */
    public record DisconnectedPair(List<String> units, int initiatives) {
    }

    @Inject
    Pool pool;

    public Uni<Portfolio> portfolio(Optional<InitiativeStatus> status) {
        Tuple filter = Tuple.of(status.map(Enum::name).orElse(null));
        String scope = " from alignment_view a left join initiative_view v on v.initiative_id = a.initiative_id"
                + " where ($1::text is null or a.status = $1)";
        Uni<List<Row>> initiatives = rows(pool.preparedQuery("select a.initiative_id, v.title, a.score, a.band" + scope
                + " order by a.score desc nulls last, v.title, a.initiative_id").execute(filter));
        Uni<List<Row>> stages = rows(pool.preparedQuery("select (s ->> 'number')::int as number,"
                + " sum((s ->> 'engaged')::int) as engaged, sum((s ->> 'of')::int) as total" + scope.replace(
                " where", ", jsonb_array_elements(a.stages) s where")
                + " group by 1 order by 1").execute(filter));
        Uni<List<Row>> pairs = rows(pool.preparedQuery("select d -> 'units' ->> 0 as a, d -> 'units' ->> 1 as b,"
                + " count(*) as initiatives" + scope.replace(" where",
                ", jsonb_array_elements(a.disconnected_units) d where")
                + " group by 1, 2 order by 3 desc, 1, 2 limit " + TOP_PAIRS).execute(filter));
        return Uni.combine().all().unis(initiatives, stages, pairs).asTuple()
                .map(all -> new Portfolio(all.getItem1().size(), bands(all.getItem1()), pooled(all.getItem2()),
                        weakest(pooled(all.getItem2())), pairs(all.getItem3())));
    }

    private static Uni<List<Row>> rows(Uni<RowSet<Row>> query) {
        return query.map(result -> {
            List<Row> rows = new ArrayList<>();
            result.forEach(rows::add);
            return rows;
        });
    }

    private static List<BandGroup> bands(List<Row> rows) {
        Map<Band, List<InitiativeScore>> byBand = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            byBand.put(band, new ArrayList<>());
        }
        for (Row row : rows) {
            byBand.get(Band.valueOf(row.getString("band"))).add(new InitiativeScore(row.getUUID("initiative_id"),
                    row.getString("title"), row.getInteger("score")));
        }
        return byBand.entrySet().stream()
                .map(entry -> new BandGroup(entry.getKey(), entry.getValue().size(), List.copyOf(entry.getValue())))
                .toList();
    }

    private static List<PooledStage> pooled(List<Row> rows) {
        Map<Integer, long[]> byNumber = new HashMap<>();
        for (Row row : rows) {
            byNumber.put(row.getInteger("number"), new long[] {row.getLong("engaged"), row.getLong("total")});
        }
        List<PooledStage> stages = new ArrayList<>();
        for (EnrollmentStage stage : EnrollmentStage.values()) {
            long[] counts = byNumber.getOrDefault(stage.number(), new long[2]);
            stages.add(new PooledStage(stage, stage.number(), counts[0], counts[1],
                    counts[1] == 0 ? 0 : (double) counts[0] / counts[1]));
        }
        return stages;
    }

    /** The stage with the lowest pooled coverage (the earliest on a tie); none without participants. */
    private static PooledStage weakest(List<PooledStage> stages) {
        PooledStage weakest = null;
        for (PooledStage stage : stages) {
            if (stage.of() > 0 && (weakest == null || stage.coverage() < weakest.coverage())) {
                weakest = stage;
            }
        }
        return weakest;
    }

    private static List<DisconnectedPair> pairs(List<Row> rows) {
        return rows.stream().map(row -> new DisconnectedPair(List.of(row.getString("a"), row.getString("b")),
                row.getLong("initiatives").intValue())).toList();
    }
}
