package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.LaunchInitiative;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.accord.initiative.domain.DeciderScenario.given;
import static dev.accord.initiative.domain.Fixtures.ANA;
import static dev.accord.initiative.domain.Fixtures.BEN;
import static dev.accord.initiative.domain.Fixtures.CAL;
import static dev.accord.initiative.domain.Fixtures.DUE;
import static dev.accord.initiative.domain.Fixtures.EARLIER;
import static dev.accord.initiative.domain.Fixtures.INITIATIVE;
import static dev.accord.initiative.domain.Fixtures.LATER_DUE;
import static dev.accord.initiative.domain.Fixtures.NOW;
import static dev.accord.initiative.domain.Fixtures.SAM;
import static dev.accord.initiative.domain.Fixtures.SPONSOR;
import static dev.accord.initiative.domain.Fixtures.aCommitment;
import static dev.accord.initiative.domain.Fixtures.aCompletion;
import static dev.accord.initiative.domain.Fixtures.aDecline;
import static dev.accord.initiative.domain.Fixtures.aFeedback;
import static dev.accord.initiative.domain.Fixtures.aFulfilment;
import static dev.accord.initiative.domain.Fixtures.aLaunch;
import static dev.accord.initiative.domain.Fixtures.aLaunchedInitiative;
import static dev.accord.initiative.domain.Fixtures.aPathway;
import static dev.accord.initiative.domain.Fixtures.aPossibility;
import static dev.accord.initiative.domain.Fixtures.aRelationship;
import static dev.accord.initiative.domain.Fixtures.aRenegotiation;
import static dev.accord.initiative.domain.Fixtures.aRequest;
import static dev.accord.initiative.domain.Fixtures.aResponse;
import static dev.accord.initiative.domain.Fixtures.aWithdrawal;
import static dev.accord.initiative.domain.Fixtures.anAcknowledgement;
import static dev.accord.initiative.domain.Fixtures.join;
import static dev.accord.initiative.domain.Fixtures.joined;
import static dev.accord.initiative.domain.Fixtures.launched;
import static dev.accord.initiative.domain.Fixtures.leave;
import static dev.accord.initiative.domain.Fixtures.left;
import static dev.accord.initiative.domain.Fixtures.milestone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InitiativeDeciderTest {

    @Nested
    class Launch {

        @Test
        void a_new_initiative_is_launched_with_its_sponsor() {
            given().when(aLaunch()).then(launched());
        }

        @Test
        void the_sponsor_is_an_active_participant_after_launch() {
            Initiative state = Initiative.fold(INITIATIVE, List.of(launched()));
            assertTrue(state.isActiveParticipant(SPONSOR.personId()));
            assertEquals(1, state.version());
            assertEquals(InitiativeStatus.ACTIVE, state.status());
        }

        @Test
        void target_date_may_be_given_as_an_instant_with_offset() {
            var command = withTargetDate("2027-06-30T23:30:00-02:00");
            InitiativeLaunched event = (InitiativeLaunched) InitiativeDecider.decide(command,
                    Initiative.notLaunched(INITIATIVE));
            assertEquals(LocalDate.parse("2027-07-01"), event.targetDate());
        }

        @Test
        void target_date_is_optional() {
            InitiativeLaunched event = (InitiativeLaunched) InitiativeDecider.decide(withTargetDate(null),
                    Initiative.notLaunched(INITIATIVE));
            assertEquals(null, event.targetDate());
        }

        @Test
        void launch_is_rejected_listing_every_missing_field() {
            given().when(new LaunchInitiative(INITIATIVE, null, " ", new Person(null, "", "exec", null),
                            List.of("exec"), "next summer", null, NOW))
                    .thenInvalid("title", "strategy", "sponsor.personId", "sponsor.displayName", "sponsor.role",
                            "targetDate");
        }

        @Test
        void launch_is_rejected_without_a_sponsor() {
            given().when(new LaunchInitiative(INITIATIVE, "t", "s", null, List.of(), null, null, NOW))
                    .thenInvalid("sponsor");
        }

        @Test
        void ids_allow_only_the_id_alphabet_and_128_characters() {
            given().when(withSponsorId("has space")).thenInvalid("sponsor.personId");
            given().when(withSponsorId("x".repeat(129))).thenInvalid("sponsor.personId");
            given().when(withSponsorId("a.B_c:d@e-9")).then(new InitiativeLaunched(INITIATIVE, "Grow EMEA",
                    "Be the trusted partner of mid-size firms",
                    new Person("a.B_c:d@e-9", SPONSOR.displayName(), SPONSOR.unit(), SPONSOR.role()),
                    List.of("exec", "sales", "finance"), LocalDate.parse("2027-06-30"), NOW));
        }

        @Test
        void free_text_is_limited_to_4000_characters() {
            var command = aLaunch();
            given().when(new LaunchInitiative(INITIATIVE, "t".repeat(4001), command.strategy(), SPONSOR,
                    command.units(), null, null, NOW)).thenInvalid("title");
            given().when(new LaunchInitiative(INITIATIVE, "t".repeat(4000), command.strategy(), SPONSOR,
                    command.units(), null, null, NOW)).then(new InitiativeLaunched(INITIATIVE, "t".repeat(4000),
                    command.strategy(), SPONSOR, command.units(), null, NOW));
        }

        @Test
        void units_are_at_most_500_and_not_repeated() {
            var command = aLaunch();
            List<String> tooMany = Collections.nCopies(501, "u");
            given().when(new LaunchInitiative(INITIATIVE, "t", "s", SPONSOR, tooMany, null, null, NOW)).thenInvalid("units");
            given().when(new LaunchInitiative(INITIATIVE, "t", "s", SPONSOR, List.of("sales", "sales"), null, null, NOW))
                    .thenInvalid("units[1]");
            assertEquals(3, command.units().size());
        }

        @Test
        void an_initiative_cannot_be_launched_twice() {
            given(launched()).when(aLaunch()).thenRejected(Rejection.Conflict.class);
        }

        private LaunchInitiative withTargetDate(String targetDate) {
            var command = aLaunch();
            return new LaunchInitiative(INITIATIVE, command.title(), command.strategy(), command.sponsor(),
                    command.units(), targetDate, null, NOW);
        }

        private LaunchInitiative withSponsorId(String personId) {
            var command = aLaunch();
            return new LaunchInitiative(INITIATIVE, command.title(), command.strategy(),
                    new Person(personId, SPONSOR.displayName(), SPONSOR.unit(), SPONSOR.role()), command.units(),
                    "2027-06-30", null, NOW);
        }
    }

    @Nested
    class Join {

        @Test
        void a_person_joins_an_active_initiative() {
            given(launched()).when(join("ana", "sales")).then(joined("ana", "sales"));
        }

        @Test
        void a_person_cannot_join_twice_while_active() {
            given(launched(), joined("ana", "sales")).when(join("ana", "sales"))
                    .thenRejected(Rejection.Conflict.class);
        }

        @Test
        void the_sponsor_cannot_join_again() {
            given(launched()).when(join(SPONSOR.personId(), "exec")).thenRejected(Rejection.Conflict.class);
        }

        @Test
        void a_person_who_left_may_join_again_even_from_another_unit() {
            given(launched(), joined("ana", "sales"), left("ana")).when(join("ana", "finance"))
                    .then(joined("ana", "finance"));
        }

        @Test
        void joining_an_initiative_that_was_never_launched_is_not_found() {
            given().when(join("ana", "sales")).thenRejected(Rejection.NotFound.class);
        }

        @Test
        void join_is_rejected_naming_invalid_fields() {
            given(launched()).when(new InitiativeCommand.JoinInitiative(INITIATIVE, "bad id", null, "sales", "",
                    NOW)).thenInvalid("personId", "displayName", "role");
        }
    }

    @Nested
    class Leave {

        @Test
        void an_active_participant_leaves() {
            given(launched(), joined("ana", "sales")).when(leave("ana")).then(left("ana"));
        }

        @Test
        void a_reason_travels_with_the_leave() {
            given(launched(), joined("ana", "sales"))
                    .when(new InitiativeCommand.LeaveInitiative(INITIATIVE, "ana", "moved to another team", NOW))
                    .then(new ParticipantLeft(INITIATIVE, "ana", "moved to another team"));
        }

        @Test
        void only_active_participants_leave() {
            given(launched()).when(leave("nobody")).thenInvalid("personId");
            given(launched(), joined("ana", "sales"), left("ana")).when(leave("ana")).thenInvalid("personId");
        }

        @Test
        void a_participant_who_left_no_longer_counts() {
            Initiative state = Initiative.fold(INITIATIVE, List.of(launched(), joined("ana", "sales"), left("ana")));
            assertEquals(3, state.version());
            assertTrue(!state.isActiveParticipant("ana"));
        }
    }

    /** Every permitted event, once at least, in an order the decider could have produced. */
    @Nested
    class Evolve {

        private final List<InitiativeEvent> everyKindOfEvent = List.of(aLaunchedInitiative(
                left(CAL),
                aRelationship().between(SAM, ANA).occurredAt(EARLIER).event(),
                aPossibility().id("pos-1").audience(ANA, BEN).occurredAt(EARLIER).event(),
                aResponse().to("pos-1").by(BEN).stance(Stance.BUYS_IN).occurredAt(EARLIER).event(),
                aPathway().id("pw-1").forPossibility("pos-1").with(SAM, ANA)
                        .milestones(milestone("ms-1", "First partner signed", DUE)).occurredAt(EARLIER).event(),
                aRequest().id("req-1").by(SAM).of(ANA).occurredAt(EARLIER).event(),
                aRequest().id("req-2").by(SAM).of(BEN).occurredAt(EARLIER).event(),
                aDecline().of("req-2").occurredAt(EARLIER).event(),
                aCommitment().id("c-1").by(ANA).answering("req-1").onPathway("pw-1").forMilestone("ms-1")
                        .occurredAt(EARLIER).event(),
                aCommitment().id("c-2").by(BEN).occurredAt(EARLIER).event(),
                aRenegotiation().of("c-1").dueBy(LATER_DUE).occurredAt(EARLIER).event(),
                aFulfilment().of("c-1").event(),
                aWithdrawal().of("c-2").event(),
                aFeedback().from(ANA).to(BEN).about("c-2").event(),
                anAcknowledgement().from(SAM).to(ANA).about("c-1").event(),
                aCompletion().by(SAM).event()));

        @Test
        void every_event_type_is_known_to_evolve() {
            Set<Class<?>> permitted = Set.of(InitiativeEvent.class.getPermittedSubclasses());
            Set<Class<?>> sampled = everyKindOfEvent.stream().map(Object::getClass).collect(Collectors.toSet());
            assertEquals(permitted, sampled, "add a sample of the new event type here");
            assertEquals(InitiativeEvent.class.getPermittedSubclasses().length, sampled.size());

            Initiative state = Initiative.notLaunched(INITIATIVE);
            for (InitiativeEvent event : everyKindOfEvent) {
                state = Initiative.evolve(state, event);
            }
            assertEquals(everyKindOfEvent.size(), state.version());
        }

        @Test
        void folding_a_history_equals_evolving_it_one_event_at_a_time() {
            Initiative evolved = Initiative.notLaunched(INITIATIVE);
            for (int count = 1; count <= everyKindOfEvent.size(); count++) {
                evolved = Initiative.evolve(evolved, everyKindOfEvent.get(count - 1));
                assertEquals(Initiative.fold(INITIATIVE, everyKindOfEvent.subList(0, count)), evolved,
                        "after " + count + " events");
            }
        }

        @Test
        void the_folded_state_remembers_what_the_decider_judges_by() {
            Initiative state = Initiative.fold(INITIATIVE, everyKindOfEvent);
            assertEquals(InitiativeStatus.COMPLETED, state.status());
            assertEquals(Set.of(SAM, ANA, BEN), state.activeParticipants().keySet());
            assertEquals(Set.of("pos-1"), state.possibilities().keySet());
            assertEquals(Set.of("pw-1"), state.pathways());
            assertEquals(Map.of("ms-1", "pw-1"), state.milestonePathways());
            assertEquals(Map.of("req-1", RequestStatus.PROMISED, "req-2", RequestStatus.DECLINED),
                    state.requests().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                            request -> request.getValue().status())));
            assertEquals(Optional.of(CommitmentStatus.FULFILLED), state.commitment("c-1"));
            assertEquals(Optional.of(CommitmentStatus.WITHDRAWN), state.commitment("c-2"));
        }
    }
}
