package dev.accord.initiative.domain;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.accord.initiative.domain.DeciderScenario.given;
import static dev.accord.initiative.domain.Fixtures.ANA;
import static dev.accord.initiative.domain.Fixtures.A_SECOND_FROM_NOW;
import static dev.accord.initiative.domain.Fixtures.BEN;
import static dev.accord.initiative.domain.Fixtures.CAL;
import static dev.accord.initiative.domain.Fixtures.SAM;
import static dev.accord.initiative.domain.Fixtures.STRANGER;
import static dev.accord.initiative.domain.Fixtures.aBusyInitiative;
import static dev.accord.initiative.domain.Fixtures.aCommitment;
import static dev.accord.initiative.domain.Fixtures.aCompletion;
import static dev.accord.initiative.domain.Fixtures.aFeedback;
import static dev.accord.initiative.domain.Fixtures.aFulfilment;
import static dev.accord.initiative.domain.Fixtures.aLaunch;
import static dev.accord.initiative.domain.Fixtures.aLaunchedInitiative;
import static dev.accord.initiative.domain.Fixtures.aRelationship;
import static dev.accord.initiative.domain.Fixtures.anAcknowledgement;
import static dev.accord.initiative.domain.Fixtures.join;
import static dev.accord.initiative.domain.Fixtures.leave;
import static dev.accord.initiative.domain.Fixtures.left;
import static dev.accord.initiative.domain.Fixtures.oneOfEveryCommandButLaunch;
import static dev.accord.initiative.domain.Fixtures.stateAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Stage 5: feedback, acknowledgement and completion, and an initiative that has completed. */
class CompletionDeciderTest {

    @Nested
    class Feedback {

        @Test
        void a_participant_gives_feedback_to_another() {
            given(aLaunchedInitiative()).when(aFeedback().from(SAM).to(ANA).command())
                    .then(aFeedback().from(SAM).to(ANA).event());
        }

        @Test
        void feedback_may_be_about_a_commitment() {
            given(aLaunchedInitiative(aCommitment().id("c-1").event()))
                    .when(aFeedback().to(ANA).about("c-1").command())
                    .then(aFeedback().to(ANA).about("c-1").event());
        }

        @Test
        void feedback_about_an_unknown_commitment_is_invalid() {
            given(aLaunchedInitiative(aCommitment().id("c-1").event())).when(aFeedback().about("c-9").command())
                    .thenInvalid("commitmentId");
        }

        @Test
        void feedback_is_rejected_when_the_giver_is_not_an_active_participant() {
            given(aLaunchedInitiative()).when(aFeedback().from(STRANGER).command()).thenInvalid("from");
            given(aLaunchedInitiative(left(BEN))).when(aFeedback().from(BEN).command()).thenInvalid("from");
        }

        @Test
        void feedback_is_rejected_when_the_receiver_is_not_an_active_participant() {
            given(aLaunchedInitiative()).when(aFeedback().to(STRANGER).command()).thenInvalid("to");
            given(aLaunchedInitiative(left(BEN))).when(aFeedback().to(BEN).command()).thenInvalid("to");
        }

        @Test
        void nobody_gives_feedback_to_themselves() {
            given(aLaunchedInitiative()).when(aFeedback().from(ANA).to(ANA).command()).thenInvalid("to");
        }

        @Test
        void feedback_needs_a_text() {
            given(aLaunchedInitiative()).when(aFeedback().text(null).command()).thenInvalid("text");
            given(aLaunchedInitiative()).when(aFeedback().text("t".repeat(4001)).command()).thenInvalid("text");
        }

        @Test
        void feedback_is_rejected_listing_every_mistake_at_once() {
            given(aLaunchedInitiative())
                    .when(aFeedback().from(STRANGER).to(null).about("c-9").text("").occurredAt(A_SECOND_FROM_NOW)
                            .command())
                    .thenInvalid("from", "to", "commitmentId", "text", "occurredAt");
        }
    }

    @Nested
    class Acknowledgements {

        @Test
        void a_participant_acknowledges_another_s_contribution() {
            given(aLaunchedInitiative()).when(anAcknowledgement().from(SAM).to(BEN).command())
                    .then(anAcknowledgement().from(SAM).to(BEN).event());
        }

        @Test
        void an_acknowledgement_may_name_the_fulfilled_commitment() {
            given(aLaunchedInitiative(aCommitment().id("c-1").by(ANA).event(), aFulfilment().of("c-1").event()))
                    .when(anAcknowledgement().to(ANA).about("c-1").command())
                    .then(anAcknowledgement().to(ANA).about("c-1").event());
        }

        @Test
        void an_acknowledgement_of_an_unknown_commitment_is_invalid() {
            given(aLaunchedInitiative()).when(anAcknowledgement().about("c-1").command()).thenInvalid("commitmentId");
        }

        @Test
        void an_acknowledgement_is_rejected_when_either_person_is_not_an_active_participant() {
            given(aLaunchedInitiative()).when(anAcknowledgement().from(STRANGER).command()).thenInvalid("from");
            given(aLaunchedInitiative(left(CAL))).when(anAcknowledgement().to(CAL).command()).thenInvalid("to");
        }

        @Test
        void nobody_acknowledges_themselves() {
            given(aLaunchedInitiative()).when(anAcknowledgement().from(SAM).to(SAM).command()).thenInvalid("to");
        }

        @Test
        void an_acknowledgement_needs_a_text() {
            given(aLaunchedInitiative()).when(anAcknowledgement().text(null).command()).thenInvalid("text");
        }
    }

    @Nested
    class Completion {

        @Test
        void an_active_participant_declares_the_initiative_complete() {
            given(aLaunchedInitiative()).when(aCompletion().by(SAM).command()).then(aCompletion().by(SAM).event());
        }

        @Test
        void any_active_participant_may_declare_completion() {
            given(aLaunchedInitiative()).when(aCompletion().by(BEN).command()).then(aCompletion().by(BEN).event());
        }

        @Test
        void completion_is_rejected_when_the_person_declaring_it_is_not_an_active_participant() {
            given(aLaunchedInitiative()).when(aCompletion().by(STRANGER).command()).thenInvalid("declaredBy");
            given(aLaunchedInitiative(left(ANA))).when(aCompletion().by(ANA).command()).thenInvalid("declaredBy");
        }

        @Test
        void completion_needs_a_summary() {
            given(aLaunchedInitiative()).when(aCompletion().summary(null).command()).thenInvalid("summary");
            given(aLaunchedInitiative()).when(aCompletion().summary(" ").command()).thenInvalid("summary");
        }

        @Test
        void a_completed_initiative_has_status_completed() {
            Initiative state = stateAfter(aLaunchedInitiative(aCompletion().event()));
            assertEquals(InitiativeStatus.COMPLETED, state.status());
            assertEquals(5, state.version());
        }
    }

    @Nested
    class AfterCompletion {

        private final InitiativeEvent[] completed = aBusyInitiative(aCompletion().event());

        @Test
        void a_completed_initiative_cannot_be_completed_again() {
            given(completed).when(aCompletion().command()).thenRejected(Rejection.Conflict.class);
        }

        @Test
        void nobody_joins_a_completed_initiative() {
            given(completed).when(join("dee", "finance")).thenRejected(Rejection.Conflict.class);
        }

        @Test
        void nobody_leaves_a_completed_initiative() {
            given(completed).when(leave(ANA)).thenRejected(Rejection.Conflict.class);
        }

        @Test
        void no_relationship_is_established_in_a_completed_initiative() {
            given(completed).when(aRelationship().command()).thenRejected(Rejection.Conflict.class);
        }

        @Test
        void no_commitment_is_made_in_a_completed_initiative() {
            given(completed).when(aCommitment().id("c-2").command()).thenRejected(Rejection.Conflict.class);
        }

        @Test
        void a_completed_initiative_cannot_be_launched_again() {
            given(completed).when(aLaunch()).thenRejected(Rejection.Conflict.class);
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.accord.initiative.domain.CompletionDeciderTest#everyCommandButLaunch")
        void every_command_is_a_conflict_once_the_initiative_is_completed(InitiativeCommand command) {
            given(completed).when(command).thenRejected(Rejection.Conflict.class);
        }

        /** Without this, the conflicts above could come from the commands, not from completion. */
        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.accord.initiative.domain.CompletionDeciderTest#everyCommandButLaunch")
        void the_same_command_is_accepted_before_completion(InitiativeCommand command) {
            assertInstanceOf(InitiativeEvent.class,
                    InitiativeDecider.decide(command, stateAfter(aBusyInitiative())));
        }
    }

    @Nested
    class NeverLaunched {

        @ParameterizedTest(name = "{0}")
        @MethodSource("dev.accord.initiative.domain.CompletionDeciderTest#everyCommandButLaunch")
        void every_command_on_an_initiative_never_launched_is_not_found(InitiativeCommand command) {
            given().when(command).thenRejected(Rejection.NotFound.class);
        }
    }

    @Test
    void the_samples_cover_every_kind_of_command_but_launch() {
        Set<Class<?>> kinds = Arrays.stream(InitiativeCommand.class.getPermittedSubclasses())
                .filter(kind -> kind != InitiativeCommand.LaunchInitiative.class)
                .collect(Collectors.toSet());
        assertEquals(kinds, oneOfEveryCommandButLaunch().stream().map(Object::getClass).collect(Collectors.toSet()));
        assertEquals(kinds.size(), oneOfEveryCommandButLaunch().size());
    }

    static Stream<Named<InitiativeCommand>> everyCommandButLaunch() {
        return oneOfEveryCommandButLaunch().stream()
                .map(command -> Named.of(command.getClass().getSimpleName(), command));
    }
}
