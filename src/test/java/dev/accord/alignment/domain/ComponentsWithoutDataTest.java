package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.Commitments;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.coverages;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A component with nothing to measure is null and leaves the score's weights. */
class ComponentsWithoutDataTest {

    @Nested
    class when_every_participant_is_in_one_unit {

        /** S, A and B in ops; legal is declared but nobody is in it, so U = {ops}. */
        private final AlignmentState state = launch("S", "ops", "ops", "legal")
                .join("A", "ops")
                .join("B", "ops")
                .relationship("S", "A")
                .share("p1", "S", List.of("A", "B"), List.of())
                .respond("p1", "A", Stance.OWNS)
                .at(DAY_0);

        @Test
        void cross_unit_is_null_because_fewer_than_two_units_are_represented() {
            assertNull(state.components().crossUnit().value());
            assertEquals(0.15, state.components().crossUnit().weight());
        }

        @Test
        void there_are_no_pairs_and_nothing_disconnected_but_the_empty_declared_unit_is_unrepresented() {
            assertEquals(List.of(), state.units().pairs());
            assertEquals(List.of(), state.units().disconnected());
            assertEquals(List.of("legal"), state.units().unrepresented());
        }

        @Test
        void coverage_and_enrollment_are_measured() {
            // stage 1: S, A of 3 · stage 2: S, A, B of 3 → (2/3 + 1) / 5 = 1/3
            assertEquals(List.of(2.0 / 3, 1.0, 0.0, 0.0, 0.0), coverages(state));
            assertEquals(1.0 / 3, state.components().stageCoverage().value(), 1e-12);
            // S OWNS (sharedBy), A OWNS, B NO_RESPONSE → 2/3
            assertEquals(2.0 / 3, state.components().enrollment().value(), 1e-12);
        }

        @Test
        void the_score_is_weighed_over_coverage_and_enrollment_only() {
            // round(100 · (.35·(1/3) + .20·(2/3)) / (.35 + .20)) = round(45.45…) = 45
            // (had crossUnit counted as 0 over .70 it would be 36)
            assertEquals(45, state.score());
            assertEquals(Band.MISALIGNED, state.band());
        }

        @Test
        void without_commitments_reliability_and_acknowledgement_are_null() {
            assertNull(state.components().reliability().value());
            assertNull(state.components().acknowledgement().value());
        }
    }

    @Nested
    class when_commitments_have_not_closed {

        /** S (exec) and A (sales) know each other and co-created p1: coverage .4, enrollment 1, crossUnit 1. */
        private AlignmentHistory coCreated() {
            return launch("S", "exec", "exec", "sales")
                    .join("A", "sales")
                    .relationship("S", "A")
                    .share("p1", "S", List.of(), List.of("A"));
        }

        @Test
        void with_no_commitment_at_all_the_score_is_weighed_over_the_other_three() {
            AlignmentState state = coCreated().at(DAY_0);
            assertNull(state.components().reliability().value());
            assertNull(state.components().acknowledgement().value());
            // round(100 · (.35·.4 + .20·1 + .15·1) / .70) = round(70) = 70
            assertEquals(70, state.score());
            assertEquals(Band.PARTIAL, state.band());
        }

        @Test
        void an_open_commitment_not_yet_due_leaves_reliability_and_acknowledgement_null() {
            AlignmentState state = coCreated().commit("c1", "A", day(10)).at(day(5));
            assertEquals(new Commitments(1, 0, 0, 0, 0, 0), state.commitments());
            assertNull(state.components().reliability().value());
            assertNull(state.components().acknowledgement().value());
            // coverage (1 + 1 + 0 + .5 + 0) / 5 = .5 → round(100 · (.175 + .20 + .15) / .70) = 75
            assertEquals(75, state.score());
        }

        @Test
        void an_overdue_commitment_makes_reliability_0_while_acknowledgement_stays_null() {
            AlignmentState state = coCreated().commit("c1", "A", day(10)).at(day(11));
            assertEquals(new Commitments(1, 1, 0, 0, 0, 0), state.commitments());
            assertEquals(0.0, state.components().reliability().value());
            assertNull(state.components().acknowledgement().value());
            // round(100 · (.175 + .20 + .15 + .15·0) / .85) = round(61.76…) = 62
            assertEquals(62, state.score());
        }

        @Test
        void a_withdrawn_commitment_makes_reliability_0_while_acknowledgement_stays_null() {
            AlignmentState state = coCreated().commit("c1", "A", day(10)).on(day(2)).withdraw("c1").at(day(11));
            assertEquals(new Commitments(0, 0, 0, 0, 1, 0), state.commitments());
            assertEquals(0.0, state.components().reliability().value());
            assertNull(state.components().acknowledgement().value());
            assertEquals(62, state.score());
            assertEquals(Band.PARTIAL, state.band());
        }
    }
}
