package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LaunchInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LeaveInitiative;
import dev.accord.initiative.domain.InitiativeCommand.PlannedMilestone;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static dev.accord.initiative.domain.DeciderScenario.given;
import static dev.accord.initiative.domain.Fixtures.ANA;
import static dev.accord.initiative.domain.Fixtures.BEFORE_LAUNCH;
import static dev.accord.initiative.domain.Fixtures.DUE;
import static dev.accord.initiative.domain.Fixtures.EARLIER;
import static dev.accord.initiative.domain.Fixtures.INITIATIVE;
import static dev.accord.initiative.domain.Fixtures.LAUNCHED_AT;
import static dev.accord.initiative.domain.Fixtures.NOW;
import static dev.accord.initiative.domain.Fixtures.SPONSOR;
import static dev.accord.initiative.domain.Fixtures.aCommitment;
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
import static dev.accord.initiative.domain.Fixtures.milestone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounds that keep every recorded value storable and every alignment document small:
 * calendar years, characters in text, conversations that cannot predate what they are about,
 * and how much one initiative can hold.
 */
class BoundsDeciderTest {

    private static final String FAR_FUTURE = "+999999999-12-31T23:59:59-18:00";

    @Nested
    class Calendar {

        @Test
        void a_due_date_beyond_year_9999_is_invalid() {
            given(aLaunchedInitiative()).when(aCommitment().dueBy(FAR_FUTURE).command()).thenInvalid("dueBy");
            given(aLaunchedInitiative()).when(aRequest().dueBy("+10000-01-01T00:00:00Z").command())
                    .thenInvalid("dueBy");
        }

        @Test
        void the_year_is_judged_in_utc_so_an_offset_cannot_carry_it_past_9999() {
            given(aLaunchedInitiative()).when(aCommitment().dueBy("9999-12-31T23:00:00-02:00").command())
                    .thenInvalid("dueBy");
            given(aLaunchedInitiative()).when(aCommitment().dueBy("9999-12-31T23:59:59Z").command())
                    .then(aCommitment().dueBy("9999-12-31T23:59:59Z").event());
        }

        @Test
        void every_due_date_is_bounded_renegotiations_and_milestones_too() {
            given(aLaunchedInitiative(aCommitment().event())).when(aRenegotiation().dueBy(FAR_FUTURE).command())
                    .thenInvalid("dueBy");
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(milestone("ms-1", "Far", FAR_FUTURE)).command())
                    .thenInvalid("milestones[0].dueBy");
        }

        @Test
        void an_occurred_at_before_1900_is_invalid() {
            given(aLaunchedInitiative()).when(aRelationship().occurredAt("1899-12-31T23:59:59Z").command())
                    .thenInvalid("occurredAt");
        }

        @Test
        void a_target_date_outside_1900_to_9999_is_invalid() {
            given().when(withTargetDate("+10000-01-01")).thenInvalid("targetDate");
            given().when(withTargetDate("1899-12-31")).thenInvalid("targetDate");
            given().when(withTargetDate(FAR_FUTURE)).thenInvalid("targetDate");
            InitiativeLaunched launched = (InitiativeLaunched) InitiativeDecider.decide(withTargetDate("9999-12-31"),
                    Initiative.notLaunched(INITIATIVE));
            assertEquals(LocalDate.parse("9999-12-31"), launched.targetDate());
        }

        private LaunchInitiative withTargetDate(String targetDate) {
            LaunchInitiative launch = aLaunch();
            return new LaunchInitiative(INITIATIVE, launch.title(), launch.strategy(), launch.sponsor(),
                    launch.units(), targetDate, null, launch.now());
        }
    }

    @Nested
    class Text {

        @Test
        void free_text_with_nul_is_invalid() {
            given(aLaunchedInitiative()).when(aRelationship().understanding("trust\u0000").command())
                    .thenInvalid("mutualUnderstanding");
        }

        @Test
        void free_text_refuses_every_c0_control_but_tab_and_newline() {
            for (char control = 0; control < 0x20; control++) {
                var relationship = aRelationship().understanding("a" + control + "b");
                if (control == '\t' || control == '\n') {
                    given(aLaunchedInitiative()).when(relationship.command()).then(relationship.event());
                } else {
                    given(aLaunchedInitiative()).when(relationship.command()).thenInvalid("mutualUnderstanding");
                }
            }
        }

        @Test
        void a_lone_surrogate_is_invalid_and_a_surrogate_pair_is_kept() {
            given(aLaunchedInitiative()).when(aFeedback().text("high \uD83D alone").command()).thenInvalid("text");
            given(aLaunchedInitiative()).when(aFeedback().text("low \uDE00 alone").command()).thenInvalid("text");
            given(aLaunchedInitiative()).when(aFeedback().text("ends high \uD83D").command()).thenInvalid("text");
            given(aLaunchedInitiative()).when(aFeedback().text("a smile \uD83D\uDE00").command())
                    .then(aFeedback().text("a smile \uD83D\uDE00").event());
        }

        @Test
        void script_and_sql_are_text_like_any_other() {
            String hostile = "<script>alert(1)</script>'; DROP TABLE events; --";
            given(aLaunchedInitiative()).when(aFeedback().text(hostile).command())
                    .then(aFeedback().text(hostile).event());
        }

        @Test
        void names_units_and_roles_are_single_lines() {
            given(aLaunchedInitiative()).when(new JoinInitiative(INITIATIVE, "dee", "Dee\nDee", "sales\t", "Lead\n",
                    NOW)).thenInvalid("displayName", "unit", "role");
        }

        @Test
        void a_unit_has_at_most_100_characters_and_a_name_200() {
            given(aLaunchedInitiative()).when(new JoinInitiative(INITIATIVE, "dee", "D".repeat(201), "u".repeat(101),
                    "r".repeat(201), NOW)).thenInvalid("displayName", "unit", "role");
            given(aLaunchedInitiative()).when(new JoinInitiative(INITIATIVE, "dee", "D".repeat(200), "u".repeat(100),
                    "r".repeat(200), NOW)).then(joinedAs("dee", "D".repeat(200), "u".repeat(100), "r".repeat(200)));
        }

        @Test
        void every_free_text_field_is_checked_the_same_way() {
            given(aLaunchedInitiative()).when(new LeaveInitiative(INITIATIVE, ANA, "bye\u0007", NOW))
                    .thenInvalid("reason");
            given(aLaunchedInitiative(aCommitment().event())).when(aFulfilment().evidence("\u001b[31m").command())
                    .thenInvalid("evidence");
            given(aLaunchedInitiative(aPossibility().event())).when(aResponse().note("\u0000").command())
                    .thenInvalid("note");
            given(aLaunchedInitiative()).when(aCommitment().role("lead\u0000").command()).thenInvalid("role");
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(new PlannedMilestone("ms-1", "t\u0000", DUE, "sales\n")).command())
                    .thenInvalid("milestones[0].title", "milestones[0].unit");
            LaunchInitiative launch = aLaunch();
            given().when(new LaunchInitiative(INITIATIVE, launch.title(), launch.strategy(), launch.sponsor(),
                    List.of("exec", "fin\u0000ance"), null, null, launch.now())).thenInvalid("units[1]");
        }

        @Test
        void ids_carrying_control_characters_are_invalid() {
            given(aLaunchedInitiative())
                    .when(new JoinInitiative(INITIATIVE, "dee\u0000", "Dee", "sales", "Member", NOW))
                    .thenInvalid("personId");
            given(aLaunchedInitiative()).when(new LeaveInitiative(INITIATIVE, "ana\n", null, NOW))
                    .thenInvalid("personId");
        }
    }

    @Nested
    class NothingPredatesWhatItIsAbout {

        @Test
        void no_conversation_happened_before_the_launch() {
            given(aLaunchedInitiative()).when(aRelationship().occurredAt(BEFORE_LAUNCH).command())
                    .thenInvalid("occurredAt");
            given(aLaunchedInitiative()).when(aRelationship().occurredAt(LAUNCHED_AT.toString()).command())
                    .then(aRelationship().occurredAt(LAUNCHED_AT.toString()).event());
        }

        @Test
        void the_launch_records_when_it_was_decided() {
            InitiativeLaunched event = (InitiativeLaunched) InitiativeDecider.decide(aLaunch(),
                    Initiative.notLaunched(INITIATIVE));
            assertEquals(LAUNCHED_AT, event.launchedAt());
        }

        @Test
        void a_launch_recorded_after_the_fact_says_when_the_initiative_began() {
            LaunchInitiative launch = aLaunch();
            LaunchInitiative afterTheFact = new LaunchInitiative(INITIATIVE, launch.title(), launch.strategy(),
                    launch.sponsor(), launch.units(), null, "2026-01-05T09:00:00+01:00", launch.now());
            InitiativeLaunched event = (InitiativeLaunched) InitiativeDecider.decide(afterTheFact,
                    Initiative.notLaunched(INITIATIVE));
            assertEquals(Instant.parse("2026-01-05T08:00:00Z"), event.launchedAt());
            given().when(new LaunchInitiative(INITIATIVE, launch.title(), launch.strategy(), launch.sponsor(),
                    launch.units(), null, NOW.toString(), launch.now())).thenInvalid("launchedAt");
            given().when(new LaunchInitiative(INITIATIVE, launch.title(), launch.strategy(), launch.sponsor(),
                    launch.units(), null, "1899-12-31T00:00:00Z", launch.now())).thenInvalid("launchedAt");
        }

        @Test
        void an_initiative_launched_before_launches_were_timed_has_no_lower_bound() {
            InitiativeLaunched untimed = new InitiativeLaunched(INITIATIVE, "Grow EMEA", "Partners", SPONSOR,
                    List.of("exec"), null, null);
            given(untimed, joined(ANA, "sales")).when(aRelationship().occurredAt(BEFORE_LAUNCH).command())
                    .then(aRelationship().occurredAt(BEFORE_LAUNCH).event());
        }

        @Test
        void a_response_is_not_before_its_possibility() {
            given(aLaunchedInitiative(aPossibility().event())).when(aResponse().occurredAt(EARLIER).command())
                    .thenInvalid("occurredAt");
        }

        @Test
        void a_pathway_is_not_before_its_possibility() {
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().occurredAt(EARLIER).command())
                    .thenInvalid("occurredAt");
        }

        @Test
        void a_decline_or_a_promise_is_not_before_its_request() {
            given(aLaunchedInitiative(aRequest().event())).when(aDecline().occurredAt(EARLIER).command())
                    .thenInvalid("occurredAt");
            given(aLaunchedInitiative(aRequest().event()))
                    .when(aCommitment().answering("req-1").occurredAt(EARLIER).command()).thenInvalid("occurredAt");
        }

        @Test
        void changes_to_a_commitment_are_not_before_it_was_made() {
            InitiativeEvent[] withACommitment = aLaunchedInitiative(aCommitment().event());
            given(withACommitment).when(aFulfilment().occurredAt(EARLIER).command()).thenInvalid("occurredAt");
            given(withACommitment).when(aWithdrawal().occurredAt(EARLIER).command()).thenInvalid("occurredAt");
            given(withACommitment).when(aRenegotiation().occurredAt(EARLIER).command()).thenInvalid("occurredAt");
        }

        @Test
        void feedback_and_acknowledgement_about_a_commitment_are_not_before_it() {
            InitiativeEvent[] withACommitment = aLaunchedInitiative(aCommitment().event());
            given(withACommitment).when(aFeedback().about("c-1").occurredAt(EARLIER).command())
                    .thenInvalid("occurredAt");
            given(withACommitment).when(anAcknowledgement().about("c-1").occurredAt(EARLIER).command())
                    .thenInvalid("occurredAt");
            given(withACommitment).when(aFeedback().occurredAt(EARLIER).command())
                    .then(aFeedback().occurredAt(EARLIER).event());
        }
    }

    @Nested
    class HowMuchAnInitiativeHolds {

        @Test
        void a_launch_declares_at_most_50_units_counting_the_sponsors() {
            List<String> fifty = units(50);
            given().when(launchWithUnits(units(51))).thenInvalid("units");
            given().when(launchWithUnits(fifty)).thenInvalid("units");
            List<String> withTheSponsors = new ArrayList<>(units(49));
            withTheSponsors.add(SPONSOR.unit());
            InitiativeLaunched event = (InitiativeLaunched) InitiativeDecider.decide(launchWithUnits(withTheSponsors),
                    Initiative.notLaunched(INITIATIVE));
            assertEquals(50, event.units().size());
        }

        @Test
        void a_newcomer_in_a_51st_unit_is_refused_as_the_initiative_is_full() {
            InitiativeEvent[] fiftyUnits = atFiftyUnits();
            Rejection.Conflict full = given(fiftyUnits).when(join("dee", "unit-51")).thenRejected(
                    Rejection.Conflict.class);
            assertTrue(full.getMessage().contains("50 units"), full.getMessage());
            given(fiftyUnits).when(join("dee", "unit-7")).then(joined("dee", "unit-7"));
        }

        @Test
        void the_1001st_person_is_refused_but_an_earlier_participant_may_rejoin() {
            List<InitiativeEvent> history = new ArrayList<>(List.of(launched()));
            IntStream.range(1, 1000).forEach(n -> history.add(joined("p" + n, "sales")));
            history.add(new InitiativeEvent.ParticipantLeft(INITIATIVE, "p1", null));
            InitiativeEvent[] full = history.toArray(InitiativeEvent[]::new);
            given(full).when(join("one-too-many", "sales")).thenRejected(Rejection.Conflict.class);
            given(full).when(join("p1", "sales")).then(joined("p1", "sales"));
        }

        @Test
        void a_pathway_has_at_most_100_milestones() {
            List<PlannedMilestone> many = IntStream.rangeClosed(1, 101)
                    .mapToObj(n -> milestone("ms-" + n, "Step " + n, DUE)).toList();
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().milestones(many).command())
                    .thenInvalid("milestones");
            var hundred = aPathway().milestones(many.subList(0, 100));
            given(aLaunchedInitiative(aPossibility().event())).when(hundred.command()).then(hundred.event());
        }

        private InitiativeEvent[] atFiftyUnits() {
            LaunchInitiative launch = launchWithUnits(units(49));
            InitiativeEvent launched = InitiativeDecider.decide(launch, Initiative.notLaunched(INITIATIVE));
            return new InitiativeEvent[] {launched, joined(ANA, "unit-1")};
        }

        private List<String> units(int count) {
            return IntStream.rangeClosed(1, count).mapToObj(n -> "unit-" + n).toList();
        }

        private LaunchInitiative launchWithUnits(List<String> units) {
            LaunchInitiative launch = aLaunch();
            return new LaunchInitiative(INITIATIVE, launch.title(), launch.strategy(), launch.sponsor(),
                    units, null, null, launch.now());
        }
    }

    private static InitiativeEvent.ParticipantJoined joinedAs(String personId, String displayName, String unit,
                                                             String role) {
        return new InitiativeEvent.ParticipantJoined(INITIATIVE, personId, displayName, unit, role);
    }
}
