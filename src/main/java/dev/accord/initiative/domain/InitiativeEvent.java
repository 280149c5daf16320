package dev.accord.initiative.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The facts Accord records about an initiative. Each carries its initiative id so that a
 * subscriber reading one record alone knows what it is about. Conversations also carry
 * {@code occurredAt}: when they happened, which may be long before Accord recorded them.
 */
public sealed interface InitiativeEvent {

    UUID initiativeId();

    /**
     * The sponsor becomes the first participant at launch; no separate join is recorded.
     * {@code launchedAt} is when Accord recorded the launch (absent from launches recorded
     * before it was kept): no conversation of the initiative happened before it.
     */
    record InitiativeLaunched(UUID initiativeId, String title, String strategy, Person sponsor,
                              List<String> units, LocalDate targetDate, Instant launchedAt)
            implements InitiativeEvent {
        public InitiativeLaunched {
            units = List.copyOf(units);
        }
    }

    record ParticipantJoined(UUID initiativeId, String personId, String displayName, String unit,
                             String role) implements InitiativeEvent {
    }

    record ParticipantLeft(UUID initiativeId, String personId, String reason) implements InitiativeEvent {
    }

    /** Stage 1 for every person listed. */
    record RelationshipEstablished(UUID initiativeId, String relationshipId, List<String> participants,
                                   String mutualUnderstanding, Instant occurredAt) implements InitiativeEvent {
        public RelationshipEstablished {
            participants = List.copyOf(participants);
        }
    }

    /** Stage 2 for the person who shared it, its audience and its co-authors. */
    record PossibilityShared(UUID initiativeId, String possibilityId, String statement, String sharedBy,
                             List<String> audience, List<String> coAuthors, Instant occurredAt)
            implements InitiativeEvent {
        public PossibilityShared {
            audience = List.copyOf(audience);
            coAuthors = List.copyOf(coAuthors);
        }
    }

    /** Stage 2 for the person responding. */
    record PossibilityResponded(UUID initiativeId, String possibilityId, String personId, Stance stance, String note,
                                Instant occurredAt) implements InitiativeEvent {
    }

    /** Stage 3 for every person listed: who, what, when, where and how, with milestones. */
    record PathwayMapped(UUID initiativeId, String pathwayId, String possibilityId, List<String> participants,
                         String who, String what, String when, String where, String how, List<Milestone> milestones,
                         Instant occurredAt) implements InitiativeEvent {
        public PathwayMapped {
            participants = List.copyOf(participants);
            milestones = List.copyOf(milestones);
        }
    }

    record Milestone(String milestoneId, String title, Instant dueBy, String unit) {
    }

    /** Someone asks a participant for a commitment; it stays open until declined or promised. */
    record CommitmentRequested(UUID initiativeId, String requestId, String requestedBy, String personId, String result,
                               Instant dueBy, Instant occurredAt) implements InitiativeEvent {
    }

    record CommitmentRequestDeclined(UUID initiativeId, String requestId, String reason, Instant occurredAt)
            implements InitiativeEvent {
    }

    /** Stage 4 for the person committing; it answers a request when {@code requestId} is given. */
    record CommitmentMade(UUID initiativeId, String commitmentId, String personId, String role, String result,
                          Instant dueBy, String requestId, String pathwayId, String milestoneId, Instant occurredAt)
            implements InitiativeEvent {
    }

    /** New terms for an open commitment: a new result, a new due date, or both. */
    record CommitmentRenegotiated(UUID initiativeId, String commitmentId, String result, Instant dueBy, String reason,
                                  Instant occurredAt) implements InitiativeEvent {

        /** The result in force after these terms: the new one if they name one. */
        public String resultAfter(String current) {
            return result == null ? current : result;
        }

        /** The due date in force after these terms: the new one if they name one. */
        public Instant dueByAfter(Instant current) {
            return dueBy == null ? current : dueBy;
        }
    }

    record CommitmentFulfilled(UUID initiativeId, String commitmentId, String evidence, Instant occurredAt)
            implements InitiativeEvent {
    }

    record CommitmentWithdrawn(UUID initiativeId, String commitmentId, String reason, Instant occurredAt)
            implements InitiativeEvent {
    }

    /** Stage 5 for both people. */
    record FeedbackGiven(UUID initiativeId, String feedbackId, String from, String to, String commitmentId,
                         String text, Instant occurredAt) implements InitiativeEvent {
    }

    /** Stage 5 for both people; naming a fulfilled commitment acknowledges it. */
    record ContributionAcknowledged(UUID initiativeId, String acknowledgementId, String from, String to,
                                    String commitmentId, String text, Instant occurredAt) implements InitiativeEvent {
    }

    /** Stage 5 for the person declaring it; the initiative takes no further commands. */
    record InitiativeCompleted(UUID initiativeId, String declaredBy, String summary, Instant occurredAt)
            implements InitiativeEvent {
    }
}
