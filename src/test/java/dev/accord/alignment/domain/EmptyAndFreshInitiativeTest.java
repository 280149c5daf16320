package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.Commitments;
import dev.accord.alignment.domain.AlignmentState.Component;
import dev.accord.alignment.domain.AlignmentState.CoverageStatus;
import dev.accord.alignment.domain.AlignmentState.Enrollment;
import dev.accord.alignment.domain.AlignmentState.ParticipantAlignment;
import dev.accord.alignment.domain.AlignmentState.PersonCommitments;
import dev.accord.alignment.domain.AlignmentState.Requests;
import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.initiative.domain.InitiativeStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static dev.accord.alignment.domain.AlignmentHistory.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The edges of n: nobody left to align (n = 0), and the sponsor alone (n = 1). */
class EmptyAndFreshInitiativeTest {

    @Nested
    class when_the_sponsor_launches_and_leaves_so_that_n_is_0 {

        private final AlignmentState state = launch("S", "exec", "exec", "sales", "finance")
                .leave("S")
                .at(day(1));

        @Test
        void every_stage_has_coverage_0_of_0_and_has_not_started() {
            assertEquals(List.of(
                    new StageCoverage(EnrollmentStage.RELATIONSHIP, 1, 0, 0, 0.0, CoverageStatus.NOT_STARTED),
                    new StageCoverage(EnrollmentStage.POSSIBILITY, 2, 0, 0, 0.0, CoverageStatus.NOT_STARTED),
                    new StageCoverage(EnrollmentStage.PATHWAY, 3, 0, 0, 0.0, CoverageStatus.NOT_STARTED),
                    new StageCoverage(EnrollmentStage.ACTION, 4, 0, 0, 0.0, CoverageStatus.NOT_STARTED),
                    new StageCoverage(EnrollmentStage.COMPLETION, 5, 0, 0, 0.0, CoverageStatus.NOT_STARTED)),
                    state.stages());
        }

        @Test
        void every_component_is_null_but_keeps_its_weight() {
            assertEquals(new Component(null, 0.35), state.components().stageCoverage());
            assertEquals(new Component(null, 0.20), state.components().enrollment());
            assertEquals(new Component(null, 0.15), state.components().crossUnit());
            assertEquals(new Component(null, 0.15), state.components().reliability());
            assertEquals(new Component(null, 0.15), state.components().acknowledgement());
        }

        @Test
        void the_score_is_null_and_the_band_unknown() {
            assertNull(state.score());
            assertEquals(Band.UNKNOWN, state.band());
        }

        @Test
        void nobody_is_counted_anywhere() {
            assertEquals(List.of(), state.participants());
            assertEquals(List.of(), state.gaps());
            assertEquals(new Enrollment(0, 0, 0, 0, 0, 0, 0), state.enrollment());
            assertEquals(new Commitments(0, 0, 0, 0, 0, 0), state.commitments());
            assertEquals(new Requests(0, 0, 0), state.requests());
        }

        @Test
        void no_unit_pairs_exist_and_every_declared_unit_is_unrepresented() {
            assertEquals(List.of(), state.units().pairs());
            assertEquals(List.of(), state.units().disconnected());
            assertEquals(List.of("exec", "finance", "sales"), state.units().unrepresented());
        }

        @Test
        void only_the_unit_entries_are_recommended_because_they_are_kept_although_empty() {
            assertEquals(List.of("UNIT_ENTRY [exec] []", "UNIT_ENTRY [finance] []", "UNIT_ENTRY [sales] []"),
                    lines(state));
        }
    }

    @Nested
    class when_the_sponsor_left_behind_commitments_so_that_n_is_0 {

        /** c1 is overdue; c2 was fulfilled on day 3 (on time) and nobody acknowledged it. */
        private final AlignmentState state = launch("S", "exec", "exec", "sales")
                .share("p1", "S", List.of(), List.of())
                .commit("c1", "S", day(5))
                .commit("c2", "S", day(5))
                .fulfil("c2", day(3))
                .on(day(4)).leave("S")
                .at(day(10));

        @Test
        void the_commitments_still_count_because_they_are_all_of_the_initiatives() {
            assertEquals(new Commitments(1, 1, 1, 0, 0, 1), state.commitments());
        }

        @Test
        void only_reliability_and_acknowledgement_have_values() {
            assertNull(state.components().stageCoverage().value());
            assertNull(state.components().enrollment().value());
            assertNull(state.components().crossUnit().value());
            // 1 on time / (1 on time + 0 late + 1 overdue + 0 withdrawn)
            assertEquals(0.5, state.components().reliability().value(), 1e-12);
            // (1 fulfilled − 1 unacknowledged) / 1 fulfilled
            assertEquals(0.0, state.components().acknowledgement().value(), 1e-12);
        }

        @Test
        void the_score_is_weighed_over_those_two_components_alone() {
            // round(100 · (.15·.5 + .15·0) / (.15 + .15)) = round(25) = 25
            assertEquals(25, state.score());
            assertEquals(Band.MISALIGNED, state.band());
        }

        @Test
        void the_kept_kinds_are_recommended_and_the_unmapped_possibility_with_nobody_left_is_not() {
            assertEquals(List.of("UNIT_ENTRY [exec] []", "UNIT_ENTRY [sales] []", "RENEGOTIATE c1 []",
                    "ACKNOWLEDGE c2 []"), lines(state));
        }
    }

    @Nested
    class when_only_the_sponsor_has_launched {

        private final AlignmentState state = launch("S", "exec", "exec", "sales").at(DAY_0);

        @Test
        void the_sponsor_is_the_only_participant_and_has_engaged_in_no_stage() {
            assertEquals(List.of(new ParticipantAlignment("S", "Person S", "exec", "Sponsor", List.of(),
                    OverallStance.NOT_REACHED, new PersonCommitments(0, 0, 0))), state.participants());
            assertEquals(Collections.nCopies(5, 1),
                    state.stages().stream().map(StageCoverage::of).toList());
            assertEquals(Collections.nCopies(5, 0.0), AlignmentHistory.coverages(state));
            assertEquals(Collections.nCopies(5, CoverageStatus.NOT_STARTED), AlignmentHistory.statuses(state));
            assertEquals(List.of(), state.gaps());
        }

        @Test
        void coverage_and_enrollment_are_0_while_cross_unit_reliability_and_acknowledgement_are_null() {
            assertEquals(0.0, state.components().stageCoverage().value());
            assertEquals(0.0, state.components().enrollment().value());
            assertEquals(new Enrollment(0, 0, 0, 0, 0, 0, 1), state.enrollment());
            assertNull(state.components().crossUnit().value());
            assertNull(state.components().reliability().value());
            assertNull(state.components().acknowledgement().value());
        }

        @Test
        void the_score_comes_from_coverage_and_enrollment_and_is_0() {
            // round(100 · (.35·0 + .20·0) / .55) = 0
            assertEquals(0, state.score());
            assertEquals(Band.MISALIGNED, state.band());
        }

        @Test
        void the_sponsor_should_begin_a_relationship_and_share_a_possibility() {
            assertEquals(List.of("UNIT_ENTRY [sales] []", "RELATIONSHIP [S]", "SHARE_POSSIBILITY [S]"), lines(state));
        }

        @Test
        void the_state_names_the_initiative_its_version_its_clock_and_its_status() {
            assertEquals(AlignmentHistory.INITIATIVE, state.initiativeId());
            assertEquals(1, state.version());
            assertEquals(DAY_0, state.asOf());
            assertEquals(InitiativeStatus.ACTIVE, state.status());
        }
    }
}
