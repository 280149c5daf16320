package dev.accord.initiative.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a client asks of an initiative. Commands carry the instant they are decided at, so the
 * decider never reads a clock, and the ids Accord makes for what they create, so the decider
 * never invents one. Other fields arrive as the client sent them (possibly null, too long, or
 * a timestamp still to be parsed): validating them is the decider's job, so every rejection
 * names its field.
 */
public sealed interface InitiativeCommand {

    UUID initiativeId();

    Instant now();

    /** {@code launchedAt}: when the initiative really began, for one recorded after the fact; default now. */
    record LaunchInitiative(UUID initiativeId, String title, String strategy, Person sponsor,
                            List<String> units, String targetDate, String launchedAt, Instant now)
            implements InitiativeCommand {
    }

    record JoinInitiative(UUID initiativeId, String personId, String displayName, String unit, String role,
                          Instant now) implements InitiativeCommand {
    }

    record LeaveInitiative(UUID initiativeId, String personId, String reason, Instant now)
            implements InitiativeCommand {
    }

    record EstablishRelationship(UUID initiativeId, String relationshipId, List<String> participants,
                                 String mutualUnderstanding, String occurredAt, Instant now)
            implements InitiativeCommand {
    }

    record SharePossibility(UUID initiativeId, String possibilityId, String statement, String sharedBy,
                            List<String> audience, List<String> coAuthors, String occurredAt, Instant now)
            implements InitiativeCommand {
    }

    record RespondToPossibility(UUID initiativeId, String possibilityId, String personId, Stance stance, String note,
                                String occurredAt, Instant now) implements InitiativeCommand {
    }

    record MapPathway(UUID initiativeId, String pathwayId, String possibilityId, List<String> participants,
                      String who, String what, String when, String where, String how,
                      List<PlannedMilestone> milestones, String occurredAt, Instant now)
            implements InitiativeCommand {
    }

    /** A milestone as the client describes it, with the id Accord made for it. */
    record PlannedMilestone(String milestoneId, String title, String dueBy, String unit) {
    }

    record RequestCommitment(UUID initiativeId, String requestId, String requestedBy, String personId, String result,
                             String dueBy, String occurredAt, Instant now) implements InitiativeCommand {
    }

    record DeclineCommitmentRequest(UUID initiativeId, String requestId, String reason, String occurredAt,
                                    Instant now) implements InitiativeCommand {
    }

    record MakeCommitment(UUID initiativeId, String commitmentId, String personId, String role, String result,
                          String dueBy, String requestId, String pathwayId, String milestoneId, String occurredAt,
                          Instant now) implements InitiativeCommand {
    }

    record RenegotiateCommitment(UUID initiativeId, String commitmentId, String result, String dueBy, String reason,
                                 String occurredAt, Instant now) implements InitiativeCommand {
    }

    record FulfilCommitment(UUID initiativeId, String commitmentId, String evidence, String occurredAt, Instant now)
            implements InitiativeCommand {
    }

    record WithdrawCommitment(UUID initiativeId, String commitmentId, String reason, String occurredAt, Instant now)
            implements InitiativeCommand {
    }

    record GiveFeedback(UUID initiativeId, String feedbackId, String from, String to, String commitmentId, String text,
                        String occurredAt, Instant now) implements InitiativeCommand {
    }

    record AcknowledgeContribution(UUID initiativeId, String acknowledgementId, String from, String to,
                                   String commitmentId, String text, String occurredAt, Instant now)
            implements InitiativeCommand {
    }

    record CompleteInitiative(UUID initiativeId, String declaredBy, String summary, String occurredAt, Instant now)
            implements InitiativeCommand {
    }
}
