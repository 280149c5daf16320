package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static dev.accord.initiative.domain.DeciderScenario.given;
import static dev.accord.initiative.domain.Fixtures.ANA;
import static dev.accord.initiative.domain.Fixtures.A_SECOND_FROM_NOW;
import static dev.accord.initiative.domain.Fixtures.BEFORE_NOW;
import static dev.accord.initiative.domain.Fixtures.BEN;
import static dev.accord.initiative.domain.Fixtures.DUE;
import static dev.accord.initiative.domain.Fixtures.EARLIER;
import static dev.accord.initiative.domain.Fixtures.LATER_DUE;
import static dev.accord.initiative.domain.Fixtures.NOW;
import static dev.accord.initiative.domain.Fixtures.SAM;
import static dev.accord.initiative.domain.Fixtures.STRANGER;
import static dev.accord.initiative.domain.Fixtures.aCommitment;
import static dev.accord.initiative.domain.Fixtures.aDecline;
import static dev.accord.initiative.domain.Fixtures.aFulfilment;
import static dev.accord.initiative.domain.Fixtures.aLaunchedInitiative;
import static dev.accord.initiative.domain.Fixtures.aPathway;
import static dev.accord.initiative.domain.Fixtures.aPossibility;
import static dev.accord.initiative.domain.Fixtures.aRenegotiation;
import static dev.accord.initiative.domain.Fixtures.aRequest;
import static dev.accord.initiative.domain.Fixtures.aWithdrawal;
import static dev.accord.initiative.domain.Fixtures.instant;
import static dev.accord.initiative.domain.Fixtures.left;
import static dev.accord.initiative.domain.Fixtures.milestone;
import static dev.accord.initiative.domain.Fixtures.stateAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stage 4: requests, the promises that answer them, and the life of a commitment. */
class CommitmentDeciderTest {

    /** Ana's open commitment c-1, made earlier and due at {@link Fixtures#DUE}. */
    private static InitiativeEvent[] withAnOpenCommitment(InitiativeEvent... then) {
        InitiativeEvent[] history = aLaunchedInitiative(aCommitment().id("c-1").by(ANA).occurredAt(EARLIER).event());
        return Fixtures.and(history, then);
    }

    /** Sam's open request req-1, asking Ana. */
    private static InitiativeEvent[] withAnOpenRequest(InitiativeEvent... then) {
        return Fixtures.and(aLaunchedInitiative(aRequest().id("req-1").by(SAM).of(ANA).occurredAt(EARLIER).event()),
                then);
    }

    @Nested
    class Requests {

        @Test
        void a_participant_asks_another_for_a_commitment() {
            given(aLaunchedInitiative())
                    .when(aRequest().by(SAM).of(ANA).command())
                    .then(aRequest().by(SAM).of(ANA).event());
        }

        @Test
        void a_request_is_open_once_made() {
            Initiative state = stateAfter(withAnOpenRequest());
            assertEquals(Optional.of(new Initiative.Request(SAM, ANA, RequestStatus.OPEN, instant(EARLIER))), state.request("req-1"));
        }

        @Test
        void a_request_is_rejected_when_the_person_asking_is_not_a_participant() {
            given(aLaunchedInitiative()).when(aRequest().by(STRANGER).command()).thenInvalid("requestedBy");
            given(aLaunchedInitiative(left(SAM))).when(aRequest().by(SAM).command()).thenInvalid("requestedBy");
        }

        @Test
        void a_request_is_rejected_when_the_person_asked_is_not_a_participant() {
            given(aLaunchedInitiative()).when(aRequest().of(STRANGER).command()).thenInvalid("personId");
            given(aLaunchedInitiative(left(ANA))).when(aRequest().of(ANA).command()).thenInvalid("personId");
        }

        @Test
        void a_request_names_the_result_asked_for() {
            given(aLaunchedInitiative()).when(aRequest().result(null).command()).thenInvalid("result");
        }

        @Test
        void a_request_needs_a_due_date() {
            given(aLaunchedInitiative()).when(aRequest().dueBy(null).command()).thenInvalid("dueBy");
            given(aLaunchedInitiative()).when(aRequest().dueBy("end of March").command()).thenInvalid("dueBy");
        }

        @Test
        void a_request_due_before_it_was_made_is_invalid() {
            given(aLaunchedInitiative()).when(aRequest().dueBy(BEFORE_NOW).command()).thenInvalid("dueBy");
            given(aLaunchedInitiative()).when(aRequest().occurredAt("2026-11-26T09:00:00Z")
                    .dueBy("2026-11-25T09:00:00Z").command()).thenInvalid("dueBy");
        }

        @Test
        void a_request_may_fall_due_the_moment_it_is_made() {
            given(aLaunchedInitiative()).when(aRequest().dueBy(NOW.toString()).command())
                    .then(aRequest().dueBy(NOW.toString()).event());
        }

        @Test
        void a_request_made_earlier_may_already_be_due() {
            var request = aRequest().occurredAt(EARLIER).dueBy(BEFORE_NOW);
            given(aLaunchedInitiative()).when(request.command()).then(request.event());
        }

        @Test
        void a_due_date_with_an_offset_is_normalised_to_utc() {
            CommitmentRequested requested = (CommitmentRequested) InitiativeDecider.decide(
                    aRequest().dueBy("2027-03-31T19:00:00+02:00").command(), stateAfter(aLaunchedInitiative()));
            assertEquals(Instant.parse("2027-03-31T17:00:00Z"), requested.dueBy());
        }

        @Test
        void a_request_is_rejected_listing_every_mistake_at_once() {
            given(aLaunchedInitiative())
                    .when(aRequest().by(STRANGER).of(null).result("").dueBy(BEFORE_NOW).command())
                    .thenInvalid("requestedBy", "personId", "result", "dueBy");
        }
    }

    @Nested
    class Declines {

        @Test
        void an_open_request_is_declined_with_a_reason() {
            given(withAnOpenRequest()).when(aDecline().of("req-1").command()).then(aDecline().of("req-1").event());
        }

        @Test
        void a_declined_request_is_no_longer_open() {
            Initiative state = stateAfter(withAnOpenRequest(aDecline().of("req-1").event()));
            assertEquals(RequestStatus.DECLINED, state.request("req-1").orElseThrow().status());
        }

        @Test
        void declining_an_unknown_request_is_invalid() {
            given(withAnOpenRequest()).when(aDecline().of("req-9").command()).thenInvalid("requestId");
            given(aLaunchedInitiative()).when(aDecline().of("req-1").command()).thenInvalid("requestId");
            given(withAnOpenRequest()).when(aDecline().of(null).command()).thenInvalid("requestId");
        }

        @Test
        void a_decline_needs_a_reason() {
            given(withAnOpenRequest()).when(aDecline().reason(null).command()).thenInvalid("reason");
            given(withAnOpenRequest()).when(aDecline().reason("  ").command()).thenInvalid("reason");
        }

        @Test
        void declining_a_declined_request_is_a_conflict() {
            given(withAnOpenRequest(aDecline().of("req-1").event())).when(aDecline().of("req-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void declining_a_promised_request_is_a_conflict() {
            given(withAnOpenRequest(aCommitment().by(ANA).answering("req-1").event()))
                    .when(aDecline().of("req-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void a_decline_is_judged_on_its_content_before_the_state_of_the_request() {
            given(withAnOpenRequest(aDecline().of("req-1").event())).when(aDecline().of("req-1").reason(null).command())
                    .thenInvalid("reason");
        }

        @Test
        void a_decline_cannot_be_dated_in_the_future() {
            given(withAnOpenRequest()).when(aDecline().occurredAt(A_SECOND_FROM_NOW).command())
                    .thenInvalid("occurredAt");
        }
    }

    @Nested
    class Commitments {

        @Test
        void a_participant_commits_without_being_asked() {
            given(aLaunchedInitiative()).when(aCommitment().by(BEN).command()).then(aCommitment().by(BEN).event());
        }

        @Test
        void a_commitment_is_open_once_made() {
            assertEquals(Optional.of(CommitmentStatus.OPEN), stateAfter(withAnOpenCommitment()).commitment("c-1"));
        }

        @Test
        void a_commitment_answers_the_request_of_the_person_asked() {
            given(withAnOpenRequest()).when(aCommitment().by(ANA).answering("req-1").command())
                    .then(aCommitment().by(ANA).answering("req-1").event());
        }

        @Test
        void answering_a_request_marks_it_promised() {
            Initiative state = stateAfter(withAnOpenRequest(aCommitment().by(ANA).answering("req-1").event()));
            assertEquals(Optional.of(new Initiative.Request(SAM, ANA, RequestStatus.PROMISED, instant(EARLIER))),
                    state.request("req-1"));
        }

        @Test
        void a_counter_offer_with_other_terms_still_answers_the_request() {
            var counterOffer = aCommitment().by(ANA).answering("req-1").result("One partner signed in DACH")
                    .dueBy(LATER_DUE);
            given(withAnOpenRequest()).when(counterOffer.command()).then(counterOffer.event());
        }

        @Test
        void a_promised_request_cannot_be_promised_again() {
            given(withAnOpenRequest(aCommitment().id("c-1").by(ANA).answering("req-1").event()))
                    .when(aCommitment().id("c-2").by(ANA).answering("req-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void a_declined_request_cannot_be_promised() {
            given(withAnOpenRequest(aDecline().of("req-1").event()))
                    .when(aCommitment().by(ANA).answering("req-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void only_the_person_asked_can_promise_a_request() {
            given(withAnOpenRequest()).when(aCommitment().by(BEN).answering("req-1").command())
                    .thenInvalid("personId");
            given(withAnOpenRequest()).when(aCommitment().by(SAM).answering("req-1").command())
                    .thenInvalid("personId");
        }

        @Test
        void a_stranger_promising_a_request_is_told_once_that_they_are_not_a_participant() {
            given(withAnOpenRequest()).when(aCommitment().by(STRANGER).answering("req-1").command())
                    .thenInvalid("personId");
        }

        @Test
        void an_unreadable_occurred_at_is_the_only_complaint_about_the_dates() {
            given(aLaunchedInitiative()).when(aCommitment().occurredAt("yesterday").dueBy(BEFORE_NOW).command())
                    .thenInvalid("occurredAt");
        }

        @Test
        void commitment_is_rejected_when_person_is_not_a_participant() {
            given(aLaunchedInitiative()).when(aCommitment().by(STRANGER).command()).thenInvalid("personId");
            given(aLaunchedInitiative()).when(aCommitment().by(null).command()).thenInvalid("personId");
        }

        @Test
        void commitment_is_rejected_when_person_has_left() {
            given(aLaunchedInitiative(left(BEN))).when(aCommitment().by(BEN).command()).thenInvalid("personId");
        }

        @Test
        void a_commitment_names_a_role_and_a_result() {
            given(aLaunchedInitiative()).when(aCommitment().role(null).result(null).command())
                    .thenInvalid("role", "result");
        }

        @Test
        void a_commitment_needs_a_due_date_not_before_it_was_made() {
            given(aLaunchedInitiative()).when(aCommitment().dueBy(null).command()).thenInvalid("dueBy");
            given(aLaunchedInitiative()).when(aCommitment().dueBy(BEFORE_NOW).command()).thenInvalid("dueBy");
            given(aLaunchedInitiative()).when(aCommitment().dueBy("2027-03-31").command()).thenInvalid("dueBy");
            var madeEarlier = aCommitment().occurredAt(EARLIER).dueBy(BEFORE_NOW);
            given(aLaunchedInitiative()).when(madeEarlier.command()).then(madeEarlier.event());
        }

        @Test
        void a_commitment_answering_an_unknown_request_is_invalid() {
            given(withAnOpenRequest()).when(aCommitment().by(ANA).answering("req-9").command())
                    .thenInvalid("requestId");
        }

        @Test
        void a_commitment_may_serve_a_pathway_and_one_of_its_milestones() {
            var commitment = aCommitment().by(ANA).onPathway("pw-1").forMilestone("ms-1");
            given(aLaunchedInitiative(aPossibility().event(),
                    aPathway().id("pw-1").milestones(milestone("ms-1", "First partner", DUE)).event()))
                    .when(commitment.command()).then(commitment.event());
        }

        @Test
        void a_commitment_may_name_a_milestone_without_its_pathway() {
            var commitment = aCommitment().by(ANA).forMilestone("ms-1");
            given(aLaunchedInitiative(aPossibility().event(),
                    aPathway().id("pw-1").milestones(milestone("ms-1", "First partner", DUE)).event()))
                    .when(commitment.command()).then(commitment.event());
        }

        @Test
        void a_commitment_to_an_unknown_pathway_or_milestone_is_invalid() {
            InitiativeEvent[] withAPathway = aLaunchedInitiative(aPossibility().event(),
                    aPathway().id("pw-1").milestones(milestone("ms-1", "First partner", DUE)).event());
            given(withAPathway).when(aCommitment().onPathway("pw-9").command()).thenInvalid("pathwayId");
            given(withAPathway).when(aCommitment().forMilestone("ms-9").command()).thenInvalid("milestoneId");
            given(withAPathway).when(aCommitment().onPathway("pw-1").forMilestone("ms-9").command())
                    .thenInvalid("milestoneId");
            given(aLaunchedInitiative()).when(aCommitment().onPathway("pw-1").command()).thenInvalid("pathwayId");
        }

        @Test
        void a_commitment_is_rejected_when_its_milestone_belongs_to_another_pathway() {
            given(aLaunchedInitiative(aPossibility().event(),
                    aPathway().id("pw-1").milestones(milestone("ms-1", "First partner", DUE)).event(),
                    aPathway().id("pw-2").milestones(milestone("ms-2", "Second partner", DUE)).event()))
                    .when(aCommitment().onPathway("pw-1").forMilestone("ms-2").command())
                    .thenInvalid("milestoneId");
        }

        @Test
        void a_commitment_is_judged_on_its_content_before_the_state_of_the_request() {
            given(withAnOpenRequest(aCommitment().id("c-1").by(ANA).answering("req-1").event()))
                    .when(aCommitment().id("c-2").by(BEN).answering("req-1").command())
                    .thenInvalid("personId");
        }

        @Test
        void a_commitment_is_rejected_listing_every_mistake_at_once() {
            given(aLaunchedInitiative())
                    .when(aCommitment().by(STRANGER).role("").result(null).dueBy(BEFORE_NOW).answering("req-9")
                            .onPathway("pw-9").forMilestone("ms-9").command())
                    .thenInvalid("personId", "role", "result", "dueBy", "requestId", "pathwayId", "milestoneId");
        }
    }

    @Nested
    class Renegotiation {

        @Test
        void an_open_commitment_is_renegotiated_to_a_new_due_date() {
            var renegotiation = aRenegotiation().of("c-1").result(null).dueBy(LATER_DUE);
            given(withAnOpenCommitment()).when(renegotiation.command()).then(renegotiation.event());
        }

        @Test
        void an_open_commitment_is_renegotiated_to_a_new_result() {
            var renegotiation = aRenegotiation().of("c-1").result("One partner signed in DACH").dueBy(null);
            given(withAnOpenCommitment()).when(renegotiation.command()).then(renegotiation.event());
        }

        @Test
        void a_renegotiation_may_change_both_result_and_due_date() {
            var renegotiation = aRenegotiation().result("One partner signed in DACH").dueBy(LATER_DUE);
            given(withAnOpenCommitment()).when(renegotiation.command()).then(renegotiation.event());
        }

        @Test
        void a_renegotiation_must_change_the_result_or_the_due_date() {
            given(withAnOpenCommitment()).when(aRenegotiation().result(null).dueBy(null).command())
                    .thenInvalid("dueBy");
        }

        @Test
        void a_renegotiation_needs_a_reason() {
            given(withAnOpenCommitment()).when(aRenegotiation().reason(null).command()).thenInvalid("reason");
        }

        @Test
        void a_new_due_date_is_not_before_the_renegotiation() {
            given(withAnOpenCommitment()).when(aRenegotiation().dueBy(BEFORE_NOW).command()).thenInvalid("dueBy");
            var renegotiatedEarlier = aRenegotiation().occurredAt(EARLIER).dueBy(BEFORE_NOW);
            given(withAnOpenCommitment()).when(renegotiatedEarlier.command()).then(renegotiatedEarlier.event());
        }

        @Test
        void a_new_result_is_not_blank() {
            given(withAnOpenCommitment()).when(aRenegotiation().result(" ").command()).thenInvalid("result");
        }

        @Test
        void a_commitment_may_be_renegotiated_more_than_once() {
            given(withAnOpenCommitment(aRenegotiation().dueBy(LATER_DUE).occurredAt(EARLIER).event()))
                    .when(aRenegotiation().dueBy("2027-05-31T17:00:00Z").command())
                    .then(aRenegotiation().dueBy("2027-05-31T17:00:00Z").event());
            assertEquals(Optional.of(CommitmentStatus.OPEN),
                    stateAfter(withAnOpenCommitment(aRenegotiation().event())).commitment("c-1"));
        }

        @Test
        void renegotiating_an_unknown_commitment_is_invalid() {
            given(withAnOpenCommitment()).when(aRenegotiation().of("c-9").command()).thenInvalid("commitmentId");
            given(withAnOpenCommitment()).when(aRenegotiation().of(null).command()).thenInvalid("commitmentId");
        }

        @Test
        void renegotiating_a_fulfilled_commitment_is_a_conflict() {
            given(withAnOpenCommitment(aFulfilment().of("c-1").event())).when(aRenegotiation().of("c-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void renegotiating_a_withdrawn_commitment_is_a_conflict() {
            given(withAnOpenCommitment(aWithdrawal().of("c-1").event())).when(aRenegotiation().of("c-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }
    }

    @Nested
    class Fulfilment {

        @Test
        void an_open_commitment_is_fulfilled_with_evidence() {
            given(withAnOpenCommitment()).when(aFulfilment().of("c-1").command()).then(aFulfilment().of("c-1").event());
            assertEquals(Optional.of(CommitmentStatus.FULFILLED),
                    stateAfter(withAnOpenCommitment(aFulfilment().event())).commitment("c-1"));
        }

        @Test
        void evidence_is_optional() {
            given(withAnOpenCommitment()).when(aFulfilment().evidence(null).command())
                    .then(aFulfilment().evidence(null).event());
        }

        @Test
        void a_renegotiated_commitment_is_still_open_to_fulfil() {
            given(withAnOpenCommitment(aRenegotiation().occurredAt(EARLIER).event()))
                    .when(aFulfilment().command()).then(aFulfilment().event());
        }

        @Test
        void a_commitment_may_be_fulfilled_after_it_fell_due() {
            given(aLaunchedInitiative(aCommitment().occurredAt("2026-11-01T09:00:00Z").dueBy(EARLIER).event()))
                    .when(aFulfilment().command()).then(aFulfilment().event());
        }

        @Test
        void fulfilling_an_unknown_commitment_is_invalid() {
            given(withAnOpenCommitment()).when(aFulfilment().of("c-9").command()).thenInvalid("commitmentId");
        }

        @Test
        void fulfilling_a_fulfilled_commitment_is_a_conflict() {
            given(withAnOpenCommitment(aFulfilment().of("c-1").event())).when(aFulfilment().of("c-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void fulfilling_a_withdrawn_commitment_is_a_conflict() {
            given(withAnOpenCommitment(aWithdrawal().of("c-1").event())).when(aFulfilment().of("c-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }
    }

    @Nested
    class Withdrawal {

        @Test
        void an_open_commitment_is_withdrawn_with_a_reason() {
            given(withAnOpenCommitment()).when(aWithdrawal().of("c-1").command()).then(aWithdrawal().of("c-1").event());
            assertEquals(Optional.of(CommitmentStatus.WITHDRAWN),
                    stateAfter(withAnOpenCommitment(aWithdrawal().event())).commitment("c-1"));
        }

        @Test
        void a_withdrawal_needs_a_reason() {
            given(withAnOpenCommitment()).when(aWithdrawal().reason(null).command()).thenInvalid("reason");
        }

        @Test
        void withdrawing_an_unknown_commitment_is_invalid() {
            given(withAnOpenCommitment()).when(aWithdrawal().of("c-9").command()).thenInvalid("commitmentId");
        }

        @Test
        void withdrawing_a_withdrawn_commitment_is_a_conflict() {
            given(withAnOpenCommitment(aWithdrawal().of("c-1").event())).when(aWithdrawal().of("c-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void withdrawing_a_fulfilled_commitment_is_a_conflict() {
            given(withAnOpenCommitment(aFulfilment().of("c-1").event())).when(aWithdrawal().of("c-1").command())
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void a_withdrawal_is_judged_on_its_content_before_the_state_of_the_commitment() {
            given(withAnOpenCommitment(aFulfilment().of("c-1").event())).when(aWithdrawal().reason(null).command())
                    .thenInvalid("reason");
        }
    }
}
