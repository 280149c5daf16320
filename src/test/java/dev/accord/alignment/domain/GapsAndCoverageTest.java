package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.CoverageStatus;
import dev.accord.alignment.domain.AlignmentState.Gap;
import dev.accord.initiative.domain.InitiativeStatus;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.coverages;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.engaged;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static dev.accord.alignment.domain.AlignmentHistory.participant;
import static dev.accord.alignment.domain.AlignmentHistory.statuses;
import static dev.accord.alignment.domain.AlignmentState.CoverageStatus.COVERED;
import static dev.accord.alignment.domain.AlignmentState.CoverageStatus.IN_PROGRESS;
import static dev.accord.alignment.domain.AlignmentState.CoverageStatus.NOT_STARTED;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Who engaged at which stage, how much of P each stage covers, and who skipped a stage. */
class GapsAndCoverageTest {

    @Nested
    class when_people_enter_at_different_stages {

        /**
         * Six people in exec, joined out of order: A and B meet (1); C shares p1 (2); D maps it
         * (3); B gives E feedback (5). S does nothing.
         */
        private final AlignmentState state = launch("S", "exec", "exec")
                .join("E", "exec")
                .join("D", "exec")
                .join("C", "exec")
                .join("B", "exec")
                .join("A", "exec")
                .relationship("A", "B")
                .share("p1", "C", List.of(), List.of())
                .pathway("p1", "D")
                .feedback("B", "E", null)
                .at(DAY_0);

        @Test
        void each_person_is_engaged_at_the_stages_their_conversations_name() {
            assertEquals(List.of(1), participant(state, "A").stages());
            assertEquals(List.of(1, 5), participant(state, "B").stages());
            assertEquals(List.of(2), participant(state, "C").stages());
            assertEquals(List.of(3), participant(state, "D").stages());
            assertEquals(List.of(5), participant(state, "E").stages());
            assertEquals(List.of(), participant(state, "S").stages());
        }

        @Test
        void coverage_is_engaged_over_n_with_its_status() {
            assertEquals(List.of(2, 1, 1, 0, 2), engaged(state));
            assertEquals(List.of(2.0 / 6, 1.0 / 6, 1.0 / 6, 0.0, 2.0 / 6), coverages(state));
            assertEquals(List.of(IN_PROGRESS, IN_PROGRESS, IN_PROGRESS, NOT_STARTED, IN_PROGRESS), statuses(state));
            assertEquals((2.0 + 1 + 1 + 0 + 2) / 6 / 5, state.components().stageCoverage().value(), 1e-12);
        }

        @Test
        void gaps_list_the_stages_below_the_highest_that_were_skipped_by_person_id() {
            assertEquals(List.of(
                    new Gap("B", 5, List.of(2, 3, 4)),
                    new Gap("C", 2, List.of(1)),
                    new Gap("D", 3, List.of(1, 2)),
                    new Gap("E", 5, List.of(1, 2, 3, 4))), state.gaps());
        }

        @Test
        void a_person_at_stage_1_only_and_a_person_at_no_stage_have_no_gap() {
            assertEquals(List.of("B", "C", "D", "E"), state.gaps().stream().map(Gap::personId).toList());
        }
    }

    @Test
    void a_stage_everyone_engaged_in_is_covered() {
        AlignmentState state = launch("S", "exec", "exec")
                .join("A", "exec")
                .relationship("S", "A")
                .at(DAY_0);
        assertEquals(new AlignmentState.StageCoverage(EnrollmentStage.RELATIONSHIP, 1, 2, 2, 1.0, COVERED),
                state.stages().get(0));
    }

    @Test
    void when_everyone_engaged_in_every_stage_all_are_covered_and_nobody_has_a_gap() {
        AlignmentState state = launch("S", "exec", "exec")
                .join("A", "exec")
                .relationship("S", "A")
                .share("p1", "S", List.of(), List.of("A"))
                .pathway("p1", "S", "A")
                .commit("c1", "S", day(5))
                .commit("c2", "A", day(5))
                .on(day(1)).feedback("S", "A", null)
                .at(day(2));
        assertEquals(Collections.nCopies(5, CoverageStatus.COVERED), statuses(state));
        assertEquals(Collections.nCopies(5, 1.0), coverages(state));
        assertEquals(1.0, state.components().stageCoverage().value());
        assertEquals(List.of(), state.gaps());
        assertEquals(List.of(1, 2, 3, 4, 5), participant(state, "A").stages());
    }

    @Test
    void declaring_completion_engages_the_declarer_at_stage_5_and_completes_the_initiative() {
        AlignmentState state = launch("S", "exec", "exec")
                .join("A", "exec")
                .relationship("S", "A")
                .complete("S")
                .at(DAY_0);
        assertEquals(InitiativeStatus.COMPLETED, state.status());
        assertEquals(4, state.version());
        assertEquals(List.of(1, 5), participant(state, "S").stages());
        assertEquals(List.of(new Gap("S", 5, List.of(2, 3, 4))), state.gaps());
    }
}
