package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.PlannedMilestone;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import static dev.accord.initiative.domain.DeciderScenario.given;
import static dev.accord.initiative.domain.Fixtures.ANA;
import static dev.accord.initiative.domain.Fixtures.A_SECOND_FROM_NOW;
import static dev.accord.initiative.domain.Fixtures.BEFORE_NOW;
import static dev.accord.initiative.domain.Fixtures.BEN;
import static dev.accord.initiative.domain.Fixtures.CAL;
import static dev.accord.initiative.domain.Fixtures.DUE;
import static dev.accord.initiative.domain.Fixtures.EARLIER;
import static dev.accord.initiative.domain.Fixtures.NOW;
import static dev.accord.initiative.domain.Fixtures.SAM;
import static dev.accord.initiative.domain.Fixtures.STRANGER;
import static dev.accord.initiative.domain.Fixtures.aLaunchedInitiative;
import static dev.accord.initiative.domain.Fixtures.aPathway;
import static dev.accord.initiative.domain.Fixtures.aPossibility;
import static dev.accord.initiative.domain.Fixtures.aRelationship;
import static dev.accord.initiative.domain.Fixtures.aResponse;
import static dev.accord.initiative.domain.Fixtures.left;
import static dev.accord.initiative.domain.Fixtures.milestone;
import static dev.accord.initiative.domain.Fixtures.stateAfter;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stages 1 to 3: relationships, possibilities and the responses to them, pathways. */
class ConversationDeciderTest {

    @Nested
    class Relationships {

        @Test
        void a_relationship_is_established_between_two_active_participants() {
            given(aLaunchedInitiative())
                    .when(aRelationship().between(SAM, ANA).command())
                    .then(aRelationship().between(SAM, ANA).event());
        }

        @Test
        void a_relationship_may_bring_many_people_together() {
            given(aLaunchedInitiative())
                    .when(aRelationship().between(SAM, ANA, BEN, CAL).command())
                    .then(aRelationship().between(SAM, ANA, BEN, CAL).event());
        }

        @Test
        void a_relationship_is_rejected_with_one_person_alone() {
            given(aLaunchedInitiative()).when(aRelationship().between(ANA).command()).thenInvalid("participants");
        }

        @Test
        void a_relationship_is_rejected_when_a_person_is_listed_twice_to_make_up_the_pair() {
            given(aLaunchedInitiative()).when(aRelationship().between(ANA, ANA).command())
                    .thenInvalid("participants[1]", "participants");
        }

        @Test
        void a_relationship_is_rejected_when_a_person_is_repeated_among_enough_others() {
            given(aLaunchedInitiative()).when(aRelationship().between(ANA, BEN, ANA).command())
                    .thenInvalid("participants[2]");
        }

        @Test
        void a_relationship_is_rejected_without_participants() {
            given(aLaunchedInitiative()).when(aRelationship().between((List<String>) null).command())
                    .thenInvalid("participants");
            given(aLaunchedInitiative()).when(aRelationship().between(List.of()).command())
                    .thenInvalid("participants");
        }

        @Test
        void a_relationship_is_rejected_when_a_participant_never_joined() {
            given(aLaunchedInitiative()).when(aRelationship().between(ANA, STRANGER).command())
                    .thenInvalid("participants[1]");
        }

        @Test
        void a_relationship_is_rejected_when_a_participant_has_left() {
            given(aLaunchedInitiative(left(BEN))).when(aRelationship().between(ANA, BEN).command())
                    .thenInvalid("participants[1]");
        }

        @Test
        void a_relationship_is_rejected_when_a_participant_id_is_missing_or_malformed() {
            given(aLaunchedInitiative()).when(aRelationship().between(ANA, null, "not an id").command())
                    .thenInvalid("participants[1]", "participants[2]");
        }

        @Test
        void a_relationship_lists_at_most_500_participants() {
            given(aLaunchedInitiative()).when(aRelationship().between(Collections.nCopies(501, ANA)).command())
                    .thenInvalid("participants");
        }

        @Test
        void a_mutual_understanding_is_required() {
            given(aLaunchedInitiative()).when(aRelationship().understanding(null).command())
                    .thenInvalid("mutualUnderstanding");
            given(aLaunchedInitiative()).when(aRelationship().understanding("   ").command())
                    .thenInvalid("mutualUnderstanding");
        }

        @Test
        void a_mutual_understanding_is_limited_to_4000_characters() {
            given(aLaunchedInitiative()).when(aRelationship().understanding("u".repeat(4001)).command())
                    .thenInvalid("mutualUnderstanding");
            given(aLaunchedInitiative()).when(aRelationship().understanding("u".repeat(4000)).command())
                    .then(aRelationship().understanding("u".repeat(4000)).event());
        }

        @Test
        void a_relationship_is_rejected_listing_every_mistake_at_once() {
            given(aLaunchedInitiative())
                    .when(aRelationship().between(ANA).understanding(null).occurredAt("last week").command())
                    .thenInvalid("participants", "mutualUnderstanding", "occurredAt");
        }
    }

    /** docs/api-guide.md, requests: occurredAt is optional, defaults to now, is never in the future and is kept in UTC. */
    @Nested
    class OccurredAt {

        @Test
        void occurred_at_defaults_to_now() {
            assertEquals(NOW, establishedAt(null).occurredAt());
        }

        @Test
        void a_conversation_recorded_later_keeps_when_it_happened() {
            given(aLaunchedInitiative()).when(aRelationship().occurredAt(EARLIER).command())
                    .then(aRelationship().occurredAt(EARLIER).event());
            assertEquals(Instant.parse(EARLIER), establishedAt(EARLIER).occurredAt());
        }

        @Test
        void occurred_at_may_be_exactly_now() {
            assertEquals(NOW, establishedAt(NOW.toString()).occurredAt());
        }

        @Test
        void occurred_at_in_the_future_is_invalid() {
            given(aLaunchedInitiative()).when(aRelationship().occurredAt(A_SECOND_FROM_NOW).command())
                    .thenInvalid("occurredAt");
        }

        @Test
        void occurred_at_with_an_offset_is_normalised_to_utc() {
            assertEquals(Instant.parse("2026-11-28T08:30:00Z"),
                    establishedAt("2026-11-28T10:30:00+02:00").occurredAt());
            assertEquals(Instant.parse("2026-11-27T23:15:00Z"),
                    establishedAt("2026-11-27T18:15:00-05:00").occurredAt());
        }

        @Test
        void the_future_is_judged_in_utc_not_in_the_local_time_given() {
            // 11:00 in Athens is 09:00 UTC: now, not two hours ahead.
            assertEquals(NOW, establishedAt("2026-11-28T11:00:00+02:00").occurredAt());
            // 09:30 in Paris is 08:30 UTC; 04:30 in New York is 09:30 UTC, ahead of now.
            assertEquals(Instant.parse("2026-11-28T08:30:00Z"),
                    establishedAt("2026-11-28T09:30:00+01:00").occurredAt());
            given(aLaunchedInitiative()).when(aRelationship().occurredAt("2026-11-28T04:30:00-05:00").command())
                    .thenInvalid("occurredAt");
        }

        @ParameterizedTest(name = "occurredAt \"{0}\"")
        @ValueSource(strings = {"yesterday", "", "2026-11-27", "2026-11-27T09:00:00", "2026-13-01T09:00:00Z",
                "2026-11-27 09:00:00Z", "1732698000"})
        void a_malformed_occurred_at_is_invalid(String occurredAt) {
            given(aLaunchedInitiative()).when(aRelationship().occurredAt(occurredAt).command())
                    .thenInvalid("occurredAt");
        }

        private RelationshipEstablished establishedAt(String occurredAt) {
            return (RelationshipEstablished) InitiativeDecider.decide(aRelationship().occurredAt(occurredAt).command(),
                    stateAfter(aLaunchedInitiative()));
        }
    }

    @Nested
    class Possibilities {

        @Test
        void a_possibility_is_shared_with_its_audience_and_co_authors() {
            var possibility = aPossibility().sharedBy(SAM).audience(ANA, BEN).coAuthors(CAL);
            given(aLaunchedInitiative()).when(possibility.command()).then(possibility.event());
        }

        @Test
        void a_possibility_may_be_shared_with_no_audience_and_no_co_authors() {
            var possibility = aPossibility().audience(List.of()).coAuthors(List.of());
            given(aLaunchedInitiative()).when(possibility.command()).then(possibility.event());
        }

        @Test
        void an_absent_audience_and_co_author_list_are_recorded_as_empty() {
            PossibilityShared shared = (PossibilityShared) InitiativeDecider.decide(
                    aPossibility().audience((List<String>) null).coAuthors((List<String>) null).command(),
                    stateAfter(aLaunchedInitiative()));
            assertEquals(List.of(), shared.audience());
            assertEquals(List.of(), shared.coAuthors());
        }

        @Test
        void a_statement_is_required() {
            given(aLaunchedInitiative()).when(aPossibility().statement(null).command()).thenInvalid("statement");
            given(aLaunchedInitiative()).when(aPossibility().statement("").command()).thenInvalid("statement");
            given(aLaunchedInitiative()).when(aPossibility().statement("s".repeat(4001)).command())
                    .thenInvalid("statement");
        }

        @Test
        void a_possibility_is_rejected_when_the_person_sharing_it_is_not_a_participant() {
            given(aLaunchedInitiative()).when(aPossibility().sharedBy(STRANGER).command()).thenInvalid("sharedBy");
            given(aLaunchedInitiative()).when(aPossibility().sharedBy(null).command()).thenInvalid("sharedBy");
        }

        @Test
        void a_possibility_is_rejected_when_the_person_sharing_it_has_left() {
            given(aLaunchedInitiative(left(SAM))).when(aPossibility().sharedBy(SAM).command())
                    .thenInvalid("sharedBy");
        }

        @Test
        void every_person_in_the_audience_must_be_an_active_participant() {
            given(aLaunchedInitiative()).when(aPossibility().audience(ANA, STRANGER).command())
                    .thenInvalid("audience[1]");
            given(aLaunchedInitiative(left(BEN))).when(aPossibility().audience(BEN, ANA).command())
                    .thenInvalid("audience[0]");
        }

        @Test
        void every_co_author_must_be_an_active_participant() {
            given(aLaunchedInitiative()).when(aPossibility().coAuthors(STRANGER).command())
                    .thenInvalid("coAuthors[0]");
            given(aLaunchedInitiative(left(CAL))).when(aPossibility().coAuthors(ANA, CAL).command())
                    .thenInvalid("coAuthors[1]");
        }

        @Test
        void nobody_is_listed_twice_in_the_audience_or_among_the_co_authors() {
            given(aLaunchedInitiative()).when(aPossibility().audience(ANA, BEN, ANA).command())
                    .thenInvalid("audience[2]");
            given(aLaunchedInitiative()).when(aPossibility().coAuthors(CAL, CAL).command())
                    .thenInvalid("coAuthors[1]");
        }

        @Test
        void audience_and_co_authors_list_at_most_500_people() {
            given(aLaunchedInitiative()).when(aPossibility().audience(Collections.nCopies(501, ANA)).command())
                    .thenInvalid("audience");
            given(aLaunchedInitiative()).when(aPossibility().coAuthors(Collections.nCopies(501, ANA)).command())
                    .thenInvalid("coAuthors");
        }

        @Test
        void a_possibility_is_rejected_listing_every_mistake_at_once() {
            given(aLaunchedInitiative())
                    .when(aPossibility().statement(null).sharedBy(STRANGER).audience(STRANGER).coAuthors(ANA, ANA)
                            .occurredAt(A_SECOND_FROM_NOW).command())
                    .thenInvalid("statement", "sharedBy", "audience[0]", "coAuthors[1]", "occurredAt");
        }
    }

    @Nested
    class Responses {

        @Test
        void a_participant_responds_to_a_shared_possibility() {
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aResponse().to("pos-1").by(ANA).stance(Stance.OWNS).command())
                    .then(aResponse().to("pos-1").by(ANA).stance(Stance.OWNS).event());
        }

        @Test
        void a_note_may_explain_the_stance() {
            var response = aResponse().stance(Stance.HAS_CONCERNS).note("Partner margins look thin");
            given(aLaunchedInitiative(aPossibility().event())).when(response.command()).then(response.event());
        }

        @Test
        void the_note_is_optional_but_not_blank() {
            given(aLaunchedInitiative(aPossibility().event())).when(aResponse().note(null).command())
                    .then(aResponse().note(null).event());
            given(aLaunchedInitiative(aPossibility().event())).when(aResponse().note(" ").command())
                    .thenInvalid("note");
        }

        @Test
        void every_stance_may_be_taken() {
            for (Stance stance : Stance.values()) {
                given(aLaunchedInitiative(aPossibility().event())).when(aResponse().stance(stance).command())
                        .then(aResponse().stance(stance).event());
            }
        }

        @Test
        void a_stance_is_required() {
            given(aLaunchedInitiative(aPossibility().event())).when(aResponse().stance(null).command())
                    .thenInvalid("stance");
        }

        @Test
        void a_response_to_an_unknown_possibility_is_invalid() {
            given(aLaunchedInitiative(aPossibility().event())).when(aResponse().to("pos-9").command())
                    .thenInvalid("possibilityId");
            given(aLaunchedInitiative()).when(aResponse().to("pos-1").command()).thenInvalid("possibilityId");
        }

        @Test
        void a_response_is_rejected_when_the_person_is_not_a_participant() {
            given(aLaunchedInitiative(aPossibility().event())).when(aResponse().by(STRANGER).command())
                    .thenInvalid("personId");
        }

        @Test
        void a_response_is_rejected_when_the_person_has_left() {
            given(aLaunchedInitiative(aPossibility().event(), left(ANA))).when(aResponse().by(ANA).command())
                    .thenInvalid("personId");
        }

        @Test
        void a_person_may_respond_again_and_the_latest_response_is_recorded() {
            given(aLaunchedInitiative(aPossibility().event(),
                    aResponse().by(BEN).stance(Stance.HAS_CONCERNS).occurredAt(EARLIER).event()))
                    .when(aResponse().by(BEN).stance(Stance.BUYS_IN).command())
                    .then(aResponse().by(BEN).stance(Stance.BUYS_IN).event());
        }

        @Test
        void a_participant_outside_the_audience_may_respond() {
            given(aLaunchedInitiative(aPossibility().audience(ANA).event()))
                    .when(aResponse().by(CAL).stance(Stance.BUYS_IN).command())
                    .then(aResponse().by(CAL).stance(Stance.BUYS_IN).event());
        }

        @Test
        void a_response_is_rejected_listing_every_mistake_at_once() {
            given(aLaunchedInitiative()).when(aResponse().to(null).by(STRANGER).stance(null).command())
                    .thenInvalid("possibilityId", "personId", "stance");
        }
    }

    @Nested
    class Pathways {

        @Test
        void a_pathway_is_mapped_for_a_shared_possibility() {
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().forPossibility("pos-1").with(SAM, ANA).command())
                    .then(aPathway().forPossibility("pos-1").with(SAM, ANA).event());
        }

        @Test
        void milestones_keep_the_ids_made_for_them_in_the_order_given() {
            var pathway = aPathway().milestones(
                    new PlannedMilestone("ms-b", "Pilot partner chosen", "2027-01-15T17:00:00Z", "sales"),
                    new PlannedMilestone("ms-a", "Contract template agreed", "2027-02-01T17:00:00+01:00", null));
            PathwayMapped mapped = (PathwayMapped) InitiativeDecider.decide(pathway.command(),
                    stateAfter(aLaunchedInitiative(aPossibility().event())));
            assertEquals(List.of(
                    new Milestone("ms-b", "Pilot partner chosen", Instant.parse("2027-01-15T17:00:00Z"), "sales"),
                    new Milestone("ms-a", "Contract template agreed", Instant.parse("2027-02-01T16:00:00Z"), null)),
                    mapped.milestones());
        }

        @Test
        void the_initiative_remembers_which_pathway_each_milestone_belongs_to() {
            Initiative state = stateAfter(aLaunchedInitiative(aPossibility().event(), aPathway().id("pw-1")
                    .milestones(milestone("ms-1", "First partner", DUE)).event()));
            assertEquals(Optional.of("pw-1"), state.pathwayOfMilestone("ms-1"));
        }

        @Test
        void milestones_are_optional() {
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().milestones(List.of()).command())
                    .then(aPathway().milestones(List.of()).event());
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones((List<PlannedMilestone>) null).command())
                    .then(aPathway().milestones(List.of()).event());
        }

        @Test
        void a_pathway_is_rejected_when_its_possibility_does_not_exist() {
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().forPossibility("pos-9").command())
                    .thenInvalid("possibilityId");
            given(aLaunchedInitiative()).when(aPathway().forPossibility("pos-1").command())
                    .thenInvalid("possibilityId");
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().forPossibility(null).command())
                    .thenInvalid("possibilityId");
        }

        @Test
        void a_pathway_needs_at_least_one_participant() {
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().with(List.of()).command())
                    .thenInvalid("participants");
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().with((List<String>) null).command())
                    .thenInvalid("participants");
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().with(ANA).command())
                    .then(aPathway().with(ANA).event());
        }

        @Test
        void a_pathway_is_rejected_when_a_participant_is_not_active_or_repeated() {
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().with(ANA, STRANGER).command())
                    .thenInvalid("participants[1]");
            given(aLaunchedInitiative(aPossibility().event(), left(ANA))).when(aPathway().with(SAM, ANA).command())
                    .thenInvalid("participants[1]");
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().with(ANA, SAM, ANA).command())
                    .thenInvalid("participants[2]");
        }

        @Test
        void who_what_when_where_and_how_are_all_required() {
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().plan(null, null, null, null, null).command())
                    .thenInvalid("who", "what", "when", "where", "how");
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().plan("Ana", "Two partners", "Q1", " ", "Partner programme").command())
                    .thenInvalid("where");
        }

        @Test
        void a_milestone_due_before_the_pathway_was_mapped_is_invalid() {
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(milestone("ms-1", "First partner", BEFORE_NOW)).command())
                    .thenInvalid("milestones[0].dueBy");
            given(aLaunchedInitiative(aPossibility().occurredAt(EARLIER).event()))
                    .when(aPathway().occurredAt(EARLIER).milestones(
                            milestone("ms-1", "Kick-off", "2026-11-25T09:00:00Z"),
                            milestone("ms-2", "Scoping", "2026-11-19T09:00:00Z")).command())
                    .thenInvalid("milestones[1].dueBy");
        }

        @Test
        void a_milestone_may_already_be_past_when_the_pathway_was_mapped_earlier() {
            var pathway = aPathway().occurredAt(EARLIER)
                    .milestones(milestone("ms-1", "Kick-off", "2026-11-25T09:00:00Z"));
            given(aLaunchedInitiative(aPossibility().occurredAt(EARLIER).event())).when(pathway.command())
                    .then(pathway.event());
        }

        @Test
        void a_milestone_needs_a_title_and_a_valid_due_date() {
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(milestone("ms-1", null, DUE)).command())
                    .thenInvalid("milestones[0].title");
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(milestone("ms-1", "First partner", null)).command())
                    .thenInvalid("milestones[0].dueBy");
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(milestone("ms-1", "First partner", "end of January")).command())
                    .thenInvalid("milestones[0].dueBy");
        }

        @Test
        void an_empty_milestone_is_invalid() {
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(new PlannedMilestone("ms-1", null, null, null)).command())
                    .thenInvalid("milestones[0]");
            List<PlannedMilestone> withAGap = new ArrayList<>();
            withAGap.add(milestone("ms-1", "First partner", DUE));
            withAGap.add(null);
            given(aLaunchedInitiative(aPossibility().event())).when(aPathway().milestones(withAGap).command())
                    .thenInvalid("milestones[1]");
        }

        @Test
        void a_pathway_lists_at_most_500_milestones() {
            given(aLaunchedInitiative(aPossibility().event()))
                    .when(aPathway().milestones(Collections.nCopies(501, milestone("ms-1", "m", DUE)))
                            .command())
                    .thenInvalid("milestones");
        }
    }
}
