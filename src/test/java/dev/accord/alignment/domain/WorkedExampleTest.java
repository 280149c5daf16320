package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.CoverageStatus;
import dev.accord.alignment.domain.AlignmentState.Gap;
import dev.accord.alignment.domain.Recommendation.Kind;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The worked example of docs/alignment-model.md, number for number. */
class WorkedExampleTest {

    static final UUID ID = UUID.fromString("5f0c6a0e-8d4b-4a55-9a3e-0b7f6f1f2a10");
    static final Instant T0 = Instant.parse("2026-10-01T09:00:00Z");
    static final Instant D1 = Instant.parse("2026-10-20T17:00:00Z");
    static final Instant D2 = Instant.parse("2026-10-31T17:00:00Z");
    static final Instant AS_OF = Instant.parse("2026-11-05T12:00:00Z");

    /** Sponsor S (exec) launches with [exec, sales, finance]; A (sales), B (finance), C (sales) join. */
    static List<InitiativeEvent> workedExample() {
        return List.of(
                new InitiativeLaunched(ID, "Grow EMEA", "Be the trusted partner", new Person("S", "Sam", "exec",
                        "Sponsor"), List.of("exec", "sales", "finance"), null, null),
                new ParticipantJoined(ID, "A", "Ana", "sales", "Account lead"),
                new ParticipantJoined(ID, "B", "Bo", "finance", "Analyst"),
                new ParticipantJoined(ID, "C", "Cy", "sales", "Account manager"),
                new RelationshipEstablished(ID, "r1", List.of("S", "A"), "Budget and accounts", T0),
                new PossibilityShared(ID, "p1", "Bundle pricing", "S", List.of("A", "B"), List.of(), T0),
                new PossibilityResponded(ID, "p1", "A", Stance.OWNS, null, T0),
                new PossibilityResponded(ID, "p1", "B", Stance.BUYS_IN, null, T0),
                new PathwayMapped(ID, "w1", "p1", List.of("S", "A"), "who", "what", "when", "where", "how", List.of(),
                        T0),
                new CommitmentMade(ID, "cA", "A", "Account lead", "Five accounts", D1, null, null, null, T0),
                new CommitmentMade(ID, "cB", "B", "Analyst", "Price list", D2, null, null, null, T0),
                new CommitmentFulfilled(ID, "cA", null, D1.minusSeconds(86_400)),
                new ContributionAcknowledged(ID, "k1", "S", "A", "cA", "Thank you", D1));
    }

    private final AlignmentState state = Alignment.of(ID, workedExample(), AS_OF);

    @Test
    void stage_coverage_is_55_percent() {
        assertEquals(List.of(2, 3, 2, 2, 2), state.stages().stream().map(AlignmentState.StageCoverage::engaged).toList());
        assertEquals(List.of(0.5, 0.75, 0.5, 0.5, 0.5),
                state.stages().stream().map(AlignmentState.StageCoverage::coverage).toList());
        assertEquals(List.of(4, 4, 4, 4, 4), state.stages().stream().map(AlignmentState.StageCoverage::of).toList());
        assertEquals(CoverageStatus.IN_PROGRESS, state.stages().get(0).status());
        assertEquals(0.55, state.components().stageCoverage().value(), 1e-12);
        assertEquals(0.35, state.components().stageCoverage().weight());
    }

    @Test
    void two_of_four_are_enrolled() {
        assertEquals(new AlignmentState.Enrollment(0, 2, 1, 0, 0, 0, 1), state.enrollment());
        assertEquals(List.of(OverallStance.OWNS, OverallStance.BUYS_IN, OverallStance.NOT_REACHED, OverallStance.OWNS),
                state.participants().stream().map(AlignmentState.ParticipantAlignment::stance).toList());
        assertEquals(0.5, state.components().enrollment().value());
    }

    @Test
    void only_exec_and_sales_are_connected() {
        assertEquals(List.of(new AlignmentState.UnitLink(List.of("exec", "finance"), 0),
                new AlignmentState.UnitLink(List.of("exec", "sales"), 1),
                new AlignmentState.UnitLink(List.of("finance", "sales"), 0)), state.units().pairs());
        assertEquals(List.of(List.of("exec", "finance"), List.of("finance", "sales")),
                state.units().disconnected().stream().map(AlignmentState.UnitLink::units).toList());
        assertEquals(List.of(), state.units().unrepresented());
        assertEquals(1.0 / 3, state.components().crossUnit().value(), 1e-12);
    }

    @Test
    void a_is_on_time_b_is_overdue_and_a_was_acknowledged() {
        assertEquals(new AlignmentState.Commitments(1, 1, 1, 0, 0, 0), state.commitments());
        assertEquals(new AlignmentState.Requests(0, 0, 0), state.requests());
        assertEquals(0.5, state.components().reliability().value());
        assertEquals(1.0, state.components().acknowledgement().value());
    }

    @Test
    void the_score_is_57_and_partial() {
        assertEquals(57, state.score());
        assertEquals(Band.PARTIAL, state.band());
        assertEquals(13, state.version());
        assertEquals(AS_OF, state.asOf());
        assertEquals(InitiativeStatus.ACTIVE, state.status());
    }

    @Test
    void s_skipped_action_and_b_skipped_relationship_and_pathway() {
        assertEquals(List.of(new Gap("B", 4, List.of(1, 3)), new Gap("S", 5, List.of(4))), state.gaps());
    }

    @Test
    void seven_recommendations_in_order() {
        List<Recommendation> next = state.recommendations();
        assertEquals(List.of(Kind.UNIT_LINK, Kind.UNIT_LINK, Kind.RELATIONSHIP, Kind.SHARE_POSSIBILITY,
                Kind.ENROLLMENT, Kind.COMMIT, Kind.RENEGOTIATE), next.stream().map(Recommendation::kind).toList());
        assertEquals(List.of(List.of(), List.of(), List.of("B", "C"), List.of("C"), List.of("B"), List.of("S"),
                List.of("B")), next.stream().map(Recommendation::participants).toList());
        assertEquals(List.of("exec", "finance"), next.get(0).units());
        assertEquals(List.of("finance", "sales"), next.get(1).units());
        assertEquals(List.of("finance", "sales"), next.get(2).units());
        assertEquals("cB", next.get(6).commitmentId());
        assertEquals(List.of("finance"), next.get(6).units());
        assertNull(next.get(6).possibilityId());
        assertEquals(EnrollmentStage.ACTION, next.get(6).stage());
    }

    @Test
    void participants_carry_their_stages_and_commitments() {
        AlignmentState.ParticipantAlignment b = state.participants().get(1);
        assertEquals("B", b.personId());
        assertEquals(List.of(2, 4), b.stages());
        assertEquals(new AlignmentState.PersonCommitments(1, 1, 0), b.commitments());
        assertEquals(List.of("A", "B", "C", "S"),
                state.participants().stream().map(AlignmentState.ParticipantAlignment::personId).toList());
    }

    @Test
    void a_state_holds_until_the_next_open_commitment_falls_due() {
        AlignmentFacts facts = AlignmentFold.fold(ID, workedExample());
        Instant early = D2.minusSeconds(3600);
        assertEquals(D2, Alignment.unchangedUntil(facts, early));
        assertEquals(Alignment.evaluate(facts, D2), Alignment.evaluate(facts, early).at(D2));
        assertEquals(1, Alignment.evaluate(facts, D2.plusNanos(1)).commitments().overdue());
        assertEquals(Instant.MAX, Alignment.unchangedUntil(facts, D2.plusNanos(1)));
    }

    @Test
    void before_b_falls_due_the_score_is_higher() {
        AlignmentState beforeD2 = Alignment.of(ID, workedExample(), D2.minusSeconds(1));
        assertEquals(0, beforeD2.commitments().overdue());
        // reliability 1/1: round(100·(.35·.55 + .20·.50 + .15/3 + .15 + .15)) = round(64.25) = 64
        assertEquals(64, beforeD2.score());
    }
}
