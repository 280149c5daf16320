package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
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
    ObjectMapper json;

    @Inject
    Clock clock;

    /** Empty initiatives when Accord has never seen the person. */
    public Uni<Engagement> engagement(String personId) {
        Instant now = clock.instant();
        return pool.preparedQuery("""
                        select a.facts::text as facts, v.title
                          from alignment_person p
                          join alignment_view a on a.initiative_id = p.initiative_id
                          left join initiative_view v on v.initiative_id = p.initiative_id
                         where p.person_id = $1
                         order by v.launched_at desc nulls last, p.initiative_id""")
                .execute(Tuple.of(personId))
                .map(rows -> {
                    List<InitiativeEngagement> initiatives = new ArrayList<>();
                    for (Row row : rows) {
                        PersonEngagement engagement = Alignment.engagementOf(facts(row), personId, now);
                        initiatives.add(new InitiativeEngagement(engagement.initiativeId(), row.getString("title"),
                                engagement.status(), engagement.version(), engagement.active(), engagement.unit(),
                                engagement.role(), engagement.stages(), engagement.stance(), engagement.commitments(),
                                engagement.acknowledgements()));
                    }
                    return new Engagement(personId, now, initiatives);
                });
    }

    private AlignmentFacts facts(Row row) {
        try {
            return json.readValue(row.getString("facts"), AlignmentFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable alignment facts", e);
        }
    }
}
