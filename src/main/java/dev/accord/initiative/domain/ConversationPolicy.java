package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.AcknowledgeContribution;
import dev.accord.initiative.domain.InitiativeCommand.CompleteInitiative;
import dev.accord.initiative.domain.InitiativeCommand.EstablishRelationship;
import dev.accord.initiative.domain.InitiativeCommand.GiveFeedback;
import dev.accord.initiative.domain.InitiativeCommand.MapPathway;
import dev.accord.initiative.domain.InitiativeCommand.PlannedMilestone;
import dev.accord.initiative.domain.InitiativeCommand.RespondToPossibility;
import dev.accord.initiative.domain.InitiativeCommand.SharePossibility;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeCompleted;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules of the conversations that engage people in a stage: relationships (1),
 * possibilities and responses (2), pathways (3), feedback, acknowledgement and completion (5).
 * Everyone they name must be an active participant; everything they reference must exist.
 */
final class ConversationPolicy {

    /** A relationship is between people: one person alone has none. */
    static final int MIN_RELATIONSHIP_PARTICIPANTS = 2;

    private ConversationPolicy() {
    }

    static RelationshipEstablished establish(EstablishRelationship command, Initiative state) {
        Validation validation = new Validation()
                .participants("participants", command.participants(), state, MIN_RELATIONSHIP_PARTICIPANTS)
                .text("mutualUnderstanding", command.mutualUnderstanding());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        validation.throwIfInvalid();
        return new RelationshipEstablished(command.initiativeId(), command.relationshipId(), command.participants(),
                command.mutualUnderstanding(), occurredAt);
    }

    static PossibilityShared share(SharePossibility command, Initiative state) {
        Validation validation = new Validation()
                .text("statement", command.statement())
                .participant("sharedBy", command.sharedBy(), state)
                .participants("audience", command.audience(), state, 0)
                .participants("coAuthors", command.coAuthors(), state, 0);
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        validation.throwIfInvalid();
        return new PossibilityShared(command.initiativeId(), command.possibilityId(), command.statement(),
                command.sharedBy(), orEmpty(command.audience()), orEmpty(command.coAuthors()), occurredAt);
    }

    static PossibilityResponded respond(RespondToPossibility command, Initiative state) {
        Validation validation = new Validation()
                .reference("possibilityId", command.possibilityId(), state::hasPossibility, "possibility")
                .participant("personId", command.personId(), state)
                .required("stance", command.stance())
                .optionalText("note", command.note());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        validation.notBefore(occurredAt, state.possibilitySharedAt(command.possibilityId()).orElse(null),
                "the possibility");
        validation.throwIfInvalid();
        return new PossibilityResponded(command.initiativeId(), command.possibilityId(), command.personId(),
                command.stance(), command.note(), occurredAt);
    }

    static PathwayMapped map(MapPathway command, Initiative state) {
        Validation validation = new Validation()
                .reference("possibilityId", command.possibilityId(), state::hasPossibility, "possibility")
                .participants("participants", command.participants(), state, 1)
                .text("who", command.who())
                .text("what", command.what())
                .text("when", command.when())
                .text("where", command.where())
                .text("how", command.how());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        validation.notBefore(occurredAt, state.possibilitySharedAt(command.possibilityId()).orElse(null),
                "the possibility");
        List<Milestone> milestones = milestones(validation, command.milestones(), occurredAt);
        validation.throwIfInvalid();
        return new PathwayMapped(command.initiativeId(), command.pathwayId(), command.possibilityId(),
                command.participants(), command.who(), command.what(), command.when(), command.where(),
                command.how(), milestones, occurredAt);
    }

    private static List<Milestone> milestones(Validation validation, List<PlannedMilestone> planned,
                                              Instant occurredAt) {
        if (planned == null) {
            return List.of();
        }
        if (planned.size() > Bounds.MAX_MILESTONES) {
            validation.fail("milestones", "must have at most " + Bounds.MAX_MILESTONES + " entries");
            return List.of();
        }
        List<Milestone> milestones = new ArrayList<>();
        for (int index = 0; index < planned.size(); index++) {
            String field = "milestones[" + index + "]";
            PlannedMilestone milestone = planned.get(index);
            if (milestone == null || milestone.title() == null && milestone.dueBy() == null && milestone.unit() == null) {
                validation.fail(field, "is required: give at least a title and a dueBy");
                continue;
            }
            validation.text(field + ".title", milestone.title()).optionalUnit(field + ".unit", milestone.unit());
            milestones.add(new Milestone(milestone.milestoneId(), milestone.title(),
                    validation.dueBy(field + ".dueBy", milestone.dueBy(), occurredAt), milestone.unit()));
        }
        return milestones;
    }

    static FeedbackGiven feedback(GiveFeedback command, Initiative state) {
        Validation validation = exchange(command.from(), command.to(), command.commitmentId(), state)
                .text("text", command.text());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        validation.notBefore(occurredAt, Optional.ofNullable(command.commitmentId())
                .flatMap(state::commitmentMadeAt).orElse(null), "the commitment");
        validation.throwIfInvalid();
        return new FeedbackGiven(command.initiativeId(), command.feedbackId(), command.from(), command.to(),
                command.commitmentId(), command.text(), occurredAt);
    }

    static ContributionAcknowledged acknowledge(AcknowledgeContribution command, Initiative state) {
        Validation validation = exchange(command.from(), command.to(), command.commitmentId(), state)
                .text("text", command.text());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        validation.notBefore(occurredAt, Optional.ofNullable(command.commitmentId())
                .flatMap(state::commitmentMadeAt).orElse(null), "the commitment");
        validation.throwIfInvalid();
        return new ContributionAcknowledged(command.initiativeId(), command.acknowledgementId(), command.from(),
                command.to(), command.commitmentId(), command.text(), occurredAt);
    }

    /** Feedback and acknowledgement pass from one participant to another, perhaps about a commitment. */
    private static Validation exchange(String from, String to, String commitmentId, Initiative state) {
        Validation validation = new Validation()
                .participant("from", from, state)
                .participant("to", to, state);
        if (from != null && from.equals(to)) {
            validation.fail("to", "must be someone other than 'from'");
        }
        return validation.optionalReference("commitmentId", commitmentId,
                id -> state.commitment(id).isPresent(), "commitment");
    }

    static InitiativeCompleted complete(CompleteInitiative command, Initiative state) {
        Validation validation = new Validation()
                .participant("declaredBy", command.declaredBy(), state)
                .text("summary", command.summary());
        Instant occurredAt = validation.occurredAt(command.occurredAt(), command.now(), state);
        validation.throwIfInvalid();
        return new InitiativeCompleted(command.initiativeId(), command.declaredBy(), command.summary(), occurredAt);
    }

    private static List<String> orEmpty(List<String> values) {
        return values == null ? List.of() : values;
    }
}
