package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.Commitments;
import dev.accord.alignment.domain.AlignmentState.PersonCommitments;
import dev.accord.alignment.domain.AlignmentState.Requests;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static dev.accord.alignment.domain.AlignmentHistory.lines;
import static dev.accord.alignment.domain.AlignmentHistory.participant;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** When a commitment is overdue, on time or late, and when its fulfilment is acknowledged. */
class CommitmentTimingTest {

    /** S and A in exec; on day 0 A commits c1, due day 5. */
    private static AlignmentHistory aCommitmentDueOnDay5() {
        return launch("S", "exec", "exec")
                .join("A", "exec")
                .commit("c1", "A", day(5));
    }

    private static List<String> linesOf(AlignmentState state, Recommendation.Kind kind) {
        return lines(state).stream().filter(line -> line.startsWith(kind.name() + " ")).toList();
    }

    @Nested
    class overdue {

        @Test
        void a_commitment_due_exactly_at_as_of_is_not_yet_overdue() {
            assertEquals(new Commitments(1, 0, 0, 0, 0, 0), aCommitmentDueOnDay5().at(day(5)).commitments());
        }

        @Test
        void a_commitment_is_overdue_a_second_after_its_due_date() {
            AlignmentState state = aCommitmentDueOnDay5().at(day(5).plusSeconds(1));
            assertEquals(new Commitments(1, 1, 0, 0, 0, 0), state.commitments());
            assertEquals(new PersonCommitments(1, 1, 0), participant(state, "A").commitments());
            assertEquals(List.of("RENEGOTIATE c1 [A]"), linesOf(state, Recommendation.Kind.RENEGOTIATE));
        }

        @Test
        void overdue_is_judged_against_the_renegotiated_date() {
            AlignmentHistory moved = aCommitmentDueOnDay5().on(day(3)).renegotiate("c1", day(10));

            AlignmentState beforeTheNewDate = moved.at(day(7));
            assertEquals(new Commitments(1, 0, 0, 0, 0, 0), beforeTheNewDate.commitments());
            assertEquals(List.of(), linesOf(beforeTheNewDate, Recommendation.Kind.RENEGOTIATE));
            assertNull(beforeTheNewDate.components().reliability().value());

            AlignmentState afterTheNewDate = moved.at(day(11));
            assertEquals(new Commitments(1, 1, 0, 0, 0, 0), afterTheNewDate.commitments());
            assertEquals(List.of("RENEGOTIATE c1 [A]"), linesOf(afterTheNewDate, Recommendation.Kind.RENEGOTIATE));
        }

        @Test
        void renegotiating_an_overdue_commitment_to_a_later_date_ends_its_being_overdue() {
            AlignmentState state = aCommitmentDueOnDay5().on(day(6)).renegotiate("c1", day(10)).at(day(7));
            assertEquals(new Commitments(1, 0, 0, 0, 0, 0), state.commitments());
        }

        @Test
        void renegotiating_only_the_result_keeps_the_due_date() {
            AlignmentState state = aCommitmentDueOnDay5().on(day(1)).renegotiateResult("c1").at(day(6));
            assertEquals(new Commitments(1, 1, 0, 0, 0, 0), state.commitments());
        }

        @Test
        void a_withdrawn_commitment_past_its_date_is_withdrawn_not_overdue() {
            AlignmentState state = aCommitmentDueOnDay5().on(day(2)).withdraw("c1").at(day(10));
            assertEquals(new Commitments(0, 0, 0, 0, 1, 0), state.commitments());
            assertEquals(List.of(), linesOf(state, Recommendation.Kind.RENEGOTIATE));
            assertEquals(new PersonCommitments(0, 0, 0), participant(state, "A").commitments());
        }
    }

    @Nested
    class on_time_or_late {

        @Test
        void fulfilment_exactly_at_the_due_date_is_on_time() {
            AlignmentState state = aCommitmentDueOnDay5().fulfil("c1", day(5)).at(day(10));
            assertEquals(new Commitments(0, 0, 1, 0, 0, 1), state.commitments());
            assertEquals(1.0, state.components().reliability().value());
        }

        @Test
        void fulfilment_after_the_original_date_but_before_the_renegotiated_one_is_on_time() {
            AlignmentState state = aCommitmentDueOnDay5()
                    .on(day(3)).renegotiate("c1", day(10))
                    .fulfil("c1", day(7))
                    .at(day(20));
            assertEquals(new Commitments(0, 0, 1, 0, 0, 1), state.commitments());
            assertEquals(1.0, state.components().reliability().value());
        }

        @Test
        void fulfilment_before_the_original_date_but_after_an_earlier_renegotiated_one_is_late() {
            AlignmentState state = aCommitmentDueOnDay5()
                    .on(day(1)).renegotiate("c1", day(3))
                    .fulfil("c1", day(4))
                    .at(day(20));
            assertEquals(new Commitments(0, 0, 0, 1, 0, 1), state.commitments());
            assertEquals(0.0, state.components().reliability().value());
        }

        @Test
        void the_date_in_force_is_the_one_set_by_the_last_renegotiation_before_fulfilment() {
            AlignmentState state = aCommitmentDueOnDay5()
                    .on(day(1)).renegotiate("c1", day(10))
                    .on(day(2)).renegotiate("c1", day(8))
                    .fulfil("c1", day(9))
                    .at(day(20));
            assertEquals(new Commitments(0, 0, 0, 1, 0, 1), state.commitments());
        }
    }

    @Nested
    class a_late_fulfilment {

        private final AlignmentHistory fulfilledOnDay6 = aCommitmentDueOnDay5().fulfil("c1", day(6));

        @Test
        void counts_as_fulfilled_late_and_not_as_open_or_overdue() {
            AlignmentState state = fulfilledOnDay6.at(day(10));
            assertEquals(new Commitments(0, 0, 0, 1, 0, 1), state.commitments());
            assertEquals(new PersonCommitments(0, 0, 1), participant(state, "A").commitments());
        }

        @Test
        void makes_reliability_0_and_acknowledgement_0_until_acknowledged() {
            AlignmentState state = fulfilledOnDay6.at(day(10));
            // 0 on time / (0 + 1 late + 0 overdue + 0 withdrawn); (1 fulfilled − 1 unacknowledged) / 1
            assertEquals(0.0, state.components().reliability().value());
            assertEquals(0.0, state.components().acknowledgement().value());
        }

        @Test
        void still_needs_acknowledgement() {
            AlignmentState state = fulfilledOnDay6.at(day(10));
            assertEquals(List.of("ACKNOWLEDGE c1 [A]"), linesOf(state, Recommendation.Kind.ACKNOWLEDGE));
            Recommendation acknowledge = state.recommendations().stream()
                    .filter(item -> item.kind() == Recommendation.Kind.ACKNOWLEDGE)
                    .findFirst().orElseThrow();
            assertEquals(EnrollmentStage.COMPLETION, acknowledge.stage());
            assertEquals("c1", acknowledge.commitmentId());
            assertEquals(1, state.commitments().unacknowledged());
        }

        @Test
        void once_acknowledged_is_no_longer_unacknowledged() {
            AlignmentState state = fulfilledOnDay6.on(day(7)).acknowledge("S", "A", "c1").at(day(10));
            assertEquals(new Commitments(0, 0, 0, 1, 0, 0), state.commitments());
            assertEquals(0.0, state.components().reliability().value());
            assertEquals(1.0, state.components().acknowledgement().value());
            assertEquals(List.of(), linesOf(state, Recommendation.Kind.ACKNOWLEDGE));
        }
    }

    @Nested
    class acknowledgement {

        private final AlignmentHistory fulfilledOnTime = aCommitmentDueOnDay5().fulfil("c1", day(4));

        @Test
        void feedback_naming_the_commitment_does_not_acknowledge_it() {
            AlignmentState state = fulfilledOnTime.on(day(5)).feedback("S", "A", "c1").at(day(10));
            assertEquals(1, state.commitments().unacknowledged());
            assertEquals(0.0, state.components().acknowledgement().value());
        }

        @Test
        void an_acknowledgement_naming_no_commitment_acknowledges_none() {
            AlignmentState state = fulfilledOnTime.on(day(5)).acknowledge("S", "A", null).at(day(10));
            assertEquals(1, state.commitments().unacknowledged());
        }

        @Test
        void an_acknowledgement_naming_another_commitment_does_not_acknowledge_this_one() {
            AlignmentState state = fulfilledOnTime
                    .commit("c2", "S", day(5))
                    .fulfil("c2", day(4))
                    .on(day(5)).acknowledge("A", "S", "c2")
                    .at(day(10));
            assertEquals(new Commitments(0, 0, 2, 0, 0, 1), state.commitments());
            assertEquals(0.5, state.components().acknowledgement().value());
            assertEquals(List.of("ACKNOWLEDGE c1 [A]"), linesOf(state, Recommendation.Kind.ACKNOWLEDGE));
        }

        @Test
        void an_acknowledgement_recorded_while_the_commitment_was_open_still_names_it() {
            // docs/alignment-model.md, the state: unacknowledged = fulfilled, and no ContributionAcknowledged names it.
            AlignmentState state = aCommitmentDueOnDay5()
                    .on(day(1)).acknowledge("S", "A", "c1")
                    .fulfil("c1", day(4))
                    .at(day(10));
            assertEquals(new Commitments(0, 0, 1, 0, 0, 0), state.commitments());
            assertEquals(1.0, state.components().acknowledgement().value());
        }

        @Test
        void an_open_commitment_needs_no_acknowledgement() {
            AlignmentState state = aCommitmentDueOnDay5().at(day(1));
            assertEquals(0, state.commitments().unacknowledged());
            assertNull(state.components().acknowledgement().value());
        }
    }

    @Nested
    class requests {

        /** q1 S→A stays open; q2 S→B is declined; q3 A→B is promised by B as c3. */
        private final AlignmentState state = launch("S", "exec", "exec")
                .join("A", "exec")
                .join("B", "exec")
                .request("q1", "S", "A", day(9))
                .request("q2", "S", "B", day(9))
                .request("q3", "A", "B", day(9))
                .decline("q2")
                .promise("q3", "c3", "B", day(9))
                .at(DAY_0);

        @Test
        void are_counted_open_declined_and_promised() {
            assertEquals(new Requests(1, 1, 1), state.requests());
        }

        @Test
        void a_promise_is_a_commitment_like_any_other() {
            assertEquals(new Commitments(1, 0, 0, 0, 0, 0), state.commitments());
            assertEquals(List.of(4), participant(state, "B").stages());
        }

        @Test
        void only_the_open_request_is_to_be_answered() {
            assertEquals(List.of("ANSWER_REQUEST q1 [A, S]"), linesOf(state, Recommendation.Kind.ANSWER_REQUEST));
        }

        @Test
        void a_request_alone_engages_nobody() {
            assertEquals(List.of(), participant(state, "A").stages());
            assertEquals(List.of(), participant(state, "S").stages());
        }
    }
}
