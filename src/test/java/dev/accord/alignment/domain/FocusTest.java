package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.CoverageStatus;
import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.alignment.domain.Recommendation.Kind;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The focus: the earliest weak stage, its conversations, and a sentence a PMO lead can read aloud. */
class FocusTest {

    @Test
    void the_worked_example_begins_with_relationships_at_half_coverage() {
        AlignmentState state = Alignment.of(WorkedExampleTest.ID, WorkedExampleTest.workedExample(),
                WorkedExampleTest.AS_OF);

        Focus focus = state.focus();

        assertEquals(EnrollmentStage.RELATIONSHIP, focus.stage());
        assertEquals(0.5, focus.coverage());
        assertEquals(state.recommendations().subList(0, 3), focus.conversations());
        assertEquals(List.of("UNIT_LINK [exec, finance] []", "UNIT_LINK [finance, sales] []", "RELATIONSHIP [B, C]"),
                focus.conversations().stream().map(AlignmentHistory::line).toList());
        assertEquals("Begin with relationships: 2 of 4 people have none yet, and finance has no link to exec or"
                + " sales.", focus.headline());
    }

    @Test
    void conversations_are_the_same_items_as_the_recommendations() {
        AlignmentState state = Alignment.of(WorkedExampleTest.ID, WorkedExampleTest.workedExample(),
                WorkedExampleTest.AS_OF);

        for (int i = 0; i < state.focus().conversations().size(); i++) {
            assertSame(state.recommendations().get(i), state.focus().conversations().get(i));
        }
    }

    @Test
    void possibility_comes_next_once_relationships_reach_eighty_percent() {
        AlignmentState state = launch("S", "exec", "exec").join("A", "exec").join("B", "exec").join("C", "exec")
                .join("D", "exec").relationship("S", "A", "B", "C", "D")
                .share("p1", "S", List.of("A", "B"), List.of()).respond("p1", "A", Stance.BUYS_IN)
                .at(day(1));

        Focus focus = state.focus();

        assertEquals(EnrollmentStage.POSSIBILITY, focus.stage());
        assertEquals(0.6, focus.coverage(), 1e-12);
        assertEquals(List.of("SHARE_POSSIBILITY [C, D]", "ENROLLMENT [A, B]"), lines(focus));
        assertEquals("Share the possibility until people own it: 2 of 5 people have not been part of a possibility"
                + " yet, and 2 only buy in, have concerns or have not answered.", focus.headline());
    }

    @Test
    void pathway_focus_counts_unmapped_possibilities_and_owners_outside_a_pathway() {
        AlignmentState state = launch("S", "exec", "exec").join("A", "exec").relationship("S", "A")
                .share("p1", "S", List.of("A"), List.of()).respond("p1", "A", Stance.OWNS)
                .at(day(1));

        Focus focus = state.focus();

        assertEquals(EnrollmentStage.PATHWAY, focus.stage());
        assertEquals(0.0, focus.coverage());
        assertEquals(List.of("MAP_PATHWAY p1 [S]", "JOIN_PATHWAY [A, S]"), lines(focus));
        assertEquals("Map the pathway together: 2 of 2 people have taken part in no pathway yet, 1 possibility has"
                + " no pathway, and 2 owners of a possibility are not in a pathway.", focus.headline());
    }

    @Test
    void action_focus_counts_open_requests_and_overdue_commitments() {
        AlignmentState state = launch("S", "exec", "exec").join("A", "exec").relationship("S", "A")
                .share("p1", "S", List.of("A"), List.of()).respond("p1", "A", Stance.OWNS).pathway("p1", "S", "A")
                .commit("c1", "A", day(2)).request("q1", "A", "S", day(20))
                .at(day(5));

        Focus focus = state.focus();

        assertEquals(EnrollmentStage.ACTION, focus.stage());
        assertEquals(0.5, focus.coverage());
        assertEquals(List.of("COMMIT [S]", "ANSWER_REQUEST q1 [A, S]", "RENEGOTIATE c1 [A]"), lines(focus));
        assertEquals("Ask for commitments: 1 of 2 people has made no commitment yet, 1 request is still open, and"
                + " 1 commitment is overdue.", focus.headline());
    }

    @Test
    void completion_focus_counts_unacknowledged_fulfilments() {
        AlignmentState state = everyoneCommitted().fulfil("cA", day(2)).fulfil("cS", day(3))
                .at(day(5));

        Focus focus = state.focus();

        assertEquals(EnrollmentStage.COMPLETION, focus.stage());
        assertEquals(0.0, focus.coverage());
        assertEquals(List.of("ACKNOWLEDGE cA [A]", "ACKNOWLEDGE cS [S]"), lines(focus));
        assertEquals("Close the loop: 2 of 2 people have had no feedback or acknowledgement yet, and 2 fulfilled"
                + " commitments are not acknowledged.", focus.headline());
    }

    @Test
    void a_strong_stage_is_still_the_focus_when_it_has_the_first_recommendations() {
        AlignmentState state = launch("S", "exec", "exec", "legal").join("A", "exec").relationship("S", "A")
                .share("p1", "S", List.of("A"), List.of()).respond("p1", "A", Stance.OWNS).pathway("p1", "S", "A")
                .commit("cA", "A", day(10)).commit("cS", "S", day(10)).fulfil("cA", day(2)).fulfil("cS", day(2))
                .acknowledge("S", "A", "cA").acknowledge("A", "S", "cS")
                .at(day(5));

        Focus focus = state.focus();

        assertEquals(List.of(1.0, 1.0, 1.0, 1.0, 1.0), AlignmentHistory.coverages(state));
        assertEquals(EnrollmentStage.RELATIONSHIP, focus.stage());
        assertEquals(1.0, focus.coverage());
        assertEquals(List.of("UNIT_ENTRY [legal] []"), lines(focus));
        assertEquals("Begin with relationships: nobody represents legal.", focus.headline());
    }

    @Test
    void there_is_no_focus_when_every_stage_is_strong_and_no_conversation_waits() {
        AlignmentState state = everyoneCommitted().fulfil("cA", day(2)).fulfil("cS", day(2))
                .acknowledge("S", "A", "cA").acknowledge("A", "S", "cS")
                .at(day(5));

        Focus focus = state.focus();

        assertEquals(List.of(), state.recommendations());
        assertNull(focus.stage());
        assertNull(focus.coverage());
        assertEquals(List.of(), focus.conversations());
        assertEquals("Every stage reaches at least 80% of the participants and no conversation is waiting: keep the"
                + " conversations going.", focus.headline());
    }

    @Test
    void an_initiative_nobody_takes_part_in_begins_with_relationships() {
        AlignmentState state = launch("S", "exec", "exec").leave("S").at(day(1));

        Focus focus = state.focus();

        assertEquals(EnrollmentStage.RELATIONSHIP, focus.stage());
        assertEquals(0.0, focus.coverage());
        assertEquals("Begin with relationships: nobody takes part in the initiative yet, and nobody represents"
                + " exec.", focus.headline());
    }

    @Test
    void exactly_eighty_percent_is_not_weak() {
        List<StageCoverage> stages = List.of(coverage(EnrollmentStage.RELATIONSHIP, 4, 5),
                coverage(EnrollmentStage.POSSIBILITY, 3, 5), coverage(EnrollmentStage.PATHWAY, 0, 5),
                coverage(EnrollmentStage.ACTION, 0, 5), coverage(EnrollmentStage.COMPLETION, 0, 5));

        assertEquals(EnrollmentStage.POSSIBILITY, Focus.of(stages, List.of()).stage());
    }

    @Test
    void disconnected_units_are_said_unit_by_unit_the_most_isolated_first() {
        List<StageCoverage> stages = List.of(coverage(EnrollmentStage.RELATIONSHIP, 8, 12));
        List<Recommendation> links = List.of(link("exec", "finance"), link("finance", "operations"),
                link("finance", "sales"), link("operations", "sales"));

        assertEquals("Begin with relationships: 4 of 12 people have none yet, finance has no link to exec,"
                + " operations or sales, and operations has no link to sales.", Focus.of(stages, links).headline());
    }

    @Test
    void one_person_missing_reads_in_the_singular() {
        List<StageCoverage> stages = List.of(coverage(EnrollmentStage.RELATIONSHIP, 0, 1));

        assertEquals("Begin with relationships: 1 of 1 person has none yet.", Focus.of(stages, List.of()).headline());
    }

    private static AlignmentHistory everyoneCommitted() {
        return launch("S", "exec", "exec").join("A", "exec").relationship("S", "A")
                .share("p1", "S", List.of("A"), List.of()).respond("p1", "A", Stance.OWNS).pathway("p1", "S", "A")
                .commit("cA", "A", day(10)).commit("cS", "S", day(10));
    }

    private static List<String> lines(Focus focus) {
        return focus.conversations().stream().map(AlignmentHistory::line).toList();
    }

    private static StageCoverage coverage(EnrollmentStage stage, int engaged, int of) {
        return new StageCoverage(stage, stage.number(), engaged, of, of == 0 ? 0 : (double) engaged / of,
                engaged == 0 ? CoverageStatus.NOT_STARTED : engaged == of ? CoverageStatus.COVERED
                        : CoverageStatus.IN_PROGRESS);
    }

    private static Recommendation link(String a, String b) {
        return new Recommendation(Kind.UNIT_LINK, EnrollmentStage.RELATIONSHIP, List.of(), List.of(a, b), null, null,
                null, "-");
    }
}
