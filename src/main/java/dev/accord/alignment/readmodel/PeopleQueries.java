package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentState.PersonCommitments;
import dev.accord.alignment.domain.OverallStance;
import dev.accord.alignment.domain.PersonEngagement;
import dev.accord.initiative.domain.InitiativeStatus;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The HR view: one person's engagement in every initiative they appear in, at the reader's clock. */
@ApplicationScoped
public class PeopleQueries {

    /** A person's engagement across initiatives, newest initiative first. */
    public record Engagement(String personId, Instant asOf, List<InitiativeEngagement> initiatives) {
    }

    public record InitiativeEngagement(UUID initiativeId, String title, InitiativeStatus status, long version,
                                       boolean active, String unit, String role, List<Integer> stages,
                                       OverallStance stance, PersonCommitments commitments,
                                       PersonEngagement.Acknowledgements acknowledgements) {
    }

    @Inject
    Pool pool;

    @Inject
    AlignmentViews views;

    @Inject
    Clock clock;

    /**
     * Empty initiatives when Accord has never seen the person. Each initiative's facts are the
     * read model's row as of now ({@link AlignmentViews#find}), its stored document being a snapshot.
     */
    public Uni<Engagement> engagement(String personId) {
        Instant now = clock.instant();
        return pool.preparedQuery("""
                        select p.initiative_id, v.title
                          from alignment_person p
                          join alignment_view a on a.initiative_id = p.initiative_id
                          left join initiative_view v on v.initiative_id = p.initiative_id
                         where p.person_id = $1
                         order by v.launched_at desc nulls last, p.initiative_id""")
                .execute(Tuple.of(personId))
                .chain(rows -> {
                    List<Uni<Optional<InitiativeEngagement>>> initiatives = new ArrayList<>();
                    for (Row row : rows) {
                        String title = row.getString("title");
                        initiatives.add(views.find(row.getUUID("initiative_id")).map(found -> found.map(facts ->
                                engagement(Alignment.engagementOf(facts, personId, now), title))));
                    }
                    if (initiatives.isEmpty()) {
                        return Uni.createFrom().item(new Engagement(personId, now, List.of()));
                    }
                    return Uni.join().all(initiatives).andFailFast().map(found -> new Engagement(personId, now,
                            found.stream().flatMap(Optional::stream).toList()));
                });
    }

    private static InitiativeEngagement engagement(PersonEngagement engagement, String title) {
        return new InitiativeEngagement(engagement.initiativeId(), title, engagement.status(), engagement.version(),
                engagement.active(), engagement.unit(), engagement.role(), engagement.stages(), engagement.stance(),
                engagement.commitments(), engagement.acknowledgements());
    }
}
