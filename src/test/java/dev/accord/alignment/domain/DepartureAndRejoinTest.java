package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.Commitments;
import dev.accord.alignment.domain.AlignmentState.CoverageStatus;
import dev.accord.alignment.domain.AlignmentState.PersonCommitments;
import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.alignment.domain.AlignmentState.UnitLink;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.engaged;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static dev.accord.alignment.domain.AlignmentHistory.lines;
import static dev.accord.alignment.domain.AlignmentHistory.participant;
import static dev.accord.alignment.domain.AlignmentHistory.personIds;
import static dev.accord.alignment.domain.AlignmentHistory.statuses;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Only active participants count; what the others did stays in the initiative's record. */
class DepartureAndRejoinTest {

    @Nested
    class when_a_participant_leaves_with_commitments {

        /**
         * S (exec), A (sales) and B (finance) meet in one relationship; A commits cA and cA2
         * (both due day 5), fulfils cA2 on day 1 and leaves on day 2, nobody else in sales.
         */
        private final AlignmentState state = launch("S", "exec", "exec", "sales", "finance")
                .join("A", "sales")
                .join("B", "finance")
                .relationship("S", "A", "B")
                .commit("cA", "A", day(5))
                .commit("cA2", "A", day(5))
                .fulfil("cA2", day(1))
                .on(day(2)).leave("A")
                .at(day(10));

        @Test
        void the_leaver_is_not_in_p_and_not_counted_in_n() {
            assertEquals(List.of("B", "S"), personIds(state));
            assertEquals(Collections.nCopies(5, 2), state.stages().stream().map(StageCoverage::of).toList());
        }

        @Test
        void the_leavers_engagement_no_longer_counts_in_coverage() {
            // stage 1: S, B of 2; A's stage 4 is gone with A
            assertEquals(List.of(2, 0, 0, 0, 0), engaged(state));
            assertEquals(List.of(CoverageStatus.COVERED, CoverageStatus.NOT_STARTED, CoverageStatus.NOT_STARTED,
                    CoverageStatus.NOT_STARTED, CoverageStatus.NOT_STARTED), statuses(state));
            assertEquals(0.2, state.components().stageCoverage().value(), 1e-12);
        }

        @Test
        void the_leavers_commitments_still_count_because_they_are_all_of_the_initiatives() {
            assertEquals(new Commitments(1, 1, 1, 0, 0, 1), state.commitments());
            assertEquals(0.5, state.components().reliability().value(), 1e-12);
            assertEquals(0.0, state.components().acknowledgement().value(), 1e-12);
            assertEquals(new PersonCommitments(0, 0, 0), participant(state, "B").commitments());
            assertEquals(new PersonCommitments(0, 0, 0), participant(state, "S").commitments());
        }

        @Test
        void the_leavers_unit_becomes_unrepresented_and_leaves_the_pairs() {
            assertEquals(List.of("sales"), state.units().unrepresented());
            assertEquals(List.of(new UnitLink(List.of("exec", "finance"), 1)), state.units().pairs());
            assertEquals(List.of(), state.units().disconnected());
            assertEquals(1.0, state.components().crossUnit().value());
        }

        @Test
        void the_score_rounds_29_5_up_to_30() {
            // 100 · (.35·.2 + .20·0 + .15·1 + .15·.5 + .15·0) = 7 + 0 + 15 + 7.5 + 0 = 29.5
            assertEquals(30, state.score());
            assertEquals(Band.MISALIGNED, state.band());
        }

        @Test
        void the_leavers_overdue_and_unacknowledged_commitments_are_recommended_with_nobody() {
            assertEquals(List.of("UNIT_ENTRY [sales] []", "SHARE_POSSIBILITY [B, S]", "RENEGOTIATE cA []",
                    "ACKNOWLEDGE cA2 []"), lines(state));
        }
    }

    @Nested
    class when_a_participant_rejoins_in_another_unit {

        /** A met S while in sales, left, and came back in finance; C stays in sales. */
        private AlignmentHistory movedToFinance() {
            return launch("S", "exec", "exec", "sales", "finance")
                    .join("A", "sales")
                    .join("C", "sales")
                    .relationship("S", "A")
                    .leave("A")
                    .join("A", "finance");
        }

        @Test
        void the_current_unit_is_the_one_reported_and_the_one_in_u() {
            AlignmentState state = movedToFinance().at(DAY_0);
            assertEquals(List.of("A", "C", "S"), personIds(state));
            assertEquals("finance", participant(state, "A").unit());
            assertEquals(List.of(), state.units().unrepresented());
            assertEquals(List.of(List.of("exec", "finance"), List.of("exec", "sales"), List.of("finance", "sales")),
                    state.units().pairs().stream().map(UnitLink::units).toList());
        }

        @Test
        void a_relationship_recorded_before_counts_for_the_unit_each_person_had_then() {
            AlignmentState state = movedToFinance().at(DAY_0);
            assertEquals(List.of(new UnitLink(List.of("exec", "finance"), 0),
                    new UnitLink(List.of("exec", "sales"), 1),
                    new UnitLink(List.of("finance", "sales"), 0)), state.units().pairs());
            assertEquals(1.0 / 3, state.components().crossUnit().value(), 1e-12);
            assertEquals(List.of("UNIT_LINK [exec, finance] []", "UNIT_LINK [finance, sales] []"),
                    lines(state).stream().filter(line -> line.startsWith("UNIT_LINK")).toList());
        }

        @Test
        void a_relationship_after_the_move_counts_for_the_new_unit() {
            AlignmentState state = movedToFinance().relationship("S", "A").at(DAY_0);
            assertEquals(List.of(new UnitLink(List.of("exec", "finance"), 1),
                    new UnitLink(List.of("exec", "sales"), 1),
                    new UnitLink(List.of("finance", "sales"), 0)), state.units().pairs());
            assertEquals(2.0 / 3, state.components().crossUnit().value(), 1e-12);
        }

        @Test
        void the_relationship_before_leaving_still_engages_the_returning_person_at_stage_1() {
            // docs/alignment-model.md, the five stages: the RelationshipEstablished listing A engaged A at stage 1; leaving resets nothing.
            AlignmentState state = movedToFinance().at(DAY_0);
            assertEquals(List.of(1), participant(state, "A").stages());
            assertEquals(List.of(2, 0, 0, 0, 0), engaged(state));
        }

        @Test
        void a_pair_with_relationships_drops_out_once_its_unit_has_nobody_left() {
            AlignmentState state = launch("S", "exec", "exec", "sales", "finance")
                    .join("A", "sales")
                    .relationship("S", "A")
                    .leave("A")
                    .join("A", "finance")
                    .at(DAY_0);
            assertEquals(List.of(new UnitLink(List.of("exec", "finance"), 0)), state.units().pairs());
            assertEquals(List.of("sales"), state.units().unrepresented());
            assertEquals(0.0, state.components().crossUnit().value());
        }
    }
}
