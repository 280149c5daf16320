package dev.accord.bench;

import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.initiative.domain.Initiative;
import dev.accord.initiative.domain.InitiativeCommand;
import dev.accord.initiative.domain.InitiativeCommand.AcknowledgeContribution;
import dev.accord.initiative.domain.InitiativeCommand.DeclineCommitmentRequest;
import dev.accord.initiative.domain.InitiativeCommand.EstablishRelationship;
import dev.accord.initiative.domain.InitiativeCommand.FulfilCommitment;
import dev.accord.initiative.domain.InitiativeCommand.GiveFeedback;
import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LaunchInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LeaveInitiative;
import dev.accord.initiative.domain.InitiativeCommand.MakeCommitment;
import dev.accord.initiative.domain.InitiativeCommand.MapPathway;
import dev.accord.initiative.domain.InitiativeCommand.PlannedMilestone;
import dev.accord.initiative.domain.InitiativeCommand.RenegotiateCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RequestCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RespondToPossibility;
import dev.accord.initiative.domain.InitiativeCommand.SharePossibility;
import dev.accord.initiative.domain.InitiativeCommand.WithdrawCommitment;
import dev.accord.initiative.domain.InitiativeDecider;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.InitiativeStatus;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Proves a generated history is one the service could have recorded. Each event is turned back
 * into the command a client would have sent (with {@code now} = its occurredAt) and judged by
 * the service's own {@link InitiativeDecider} against the state folded so far: the decider must
 * accept it and decide exactly that event. So every person named was an active participant,
 * every referenced id existed, every request and commitment was open when it changed, and no
 * dueBy was before its occurredAt. On top, occurredAt must strictly increase, and the
 * alignment fold must accept the stream and count {@link HistoryGenerator#EXPECTED_ACTIVE}
 * active participants at version {@link HistoryGenerator#TOTAL_EVENTS}.
 */
public final class HistoryCheck {

    /** What the check saw, and which outcomes the history exercises. */
    public record Summary(int events, int active, Instant firstOccurredAt, Instant lastOccurredAt,
                          int fulfilledOnTime, int fulfilledLate) {
    }

    private HistoryCheck() {
    }

    /**
     * Throws {@link IllegalStateException} naming the first event that is not valid.
     *
     * @param throughDecider also replay every event through the decider (slower: the decider's
     *                       state is immutable and copied at each event, a few seconds in all)
     */
    public static Summary verify(HistoryGenerator.History history, boolean throughDecider) {
        if (history.events().size() != HistoryGenerator.TOTAL_EVENTS) {
            throw new IllegalStateException("expected " + HistoryGenerator.TOTAL_EVENTS + " events, got "
                    + history.events().size());
        }
        Initiative state = Initiative.notLaunched(history.initiativeId());
        Instant first = null;
        Instant previous = null;
        Set<String> kinds = new HashSet<>();
        Map<String, Instant> dueBy = new HashMap<>();
        int onTime = 0;
        int late = 0;
        for (int i = 0; i < history.events().size(); i++) {
            InitiativeEvent event = history.events().get(i);
            kinds.add(event.getClass().getSimpleName());
            Instant occurredAt = occurredAt(event);
            if (occurredAt != null) {
                if (previous != null && !occurredAt.isAfter(previous)) {
                    throw new IllegalStateException("event " + (i + 1) + ": occurredAt " + occurredAt
                            + " does not follow " + previous);
                }
                first = first == null ? occurredAt : first;
                previous = occurredAt;
            }
            if (event instanceof CommitmentMade made) {
                dueBy.put(made.commitmentId(), made.dueBy());
            } else if (event instanceof CommitmentRenegotiated renegotiated && renegotiated.dueBy() != null) {
                dueBy.put(renegotiated.commitmentId(), renegotiated.dueBy());
            } else if (event instanceof CommitmentFulfilled fulfilled) {
                if (fulfilled.occurredAt().isAfter(dueBy.get(fulfilled.commitmentId()))) {
                    late++;
                } else {
                    onTime++;
                }
            }
            if (throughDecider) {
                InitiativeEvent decided;
                try {
                    decided = InitiativeDecider.decide(command(event, occurredAt == null ? previous : occurredAt),
                            state);
                } catch (RuntimeException rejected) {
                    throw new IllegalStateException("event " + (i + 1) + " would be rejected: " + rejected + " — "
                            + event, rejected);
                }
                if (!decided.equals(event)) {
                    throw new IllegalStateException("event " + (i + 1) + " decides as " + decided + ", not " + event);
                }
                state = Initiative.evolve(state, event);
            }
        }
        if (throughDecider && (state.status() != InitiativeStatus.ACTIVE
                || state.version() != HistoryGenerator.TOTAL_EVENTS)) {
            throw new IllegalStateException("the decider's state ends " + state.status() + " at " + state.version());
        }
        Set<String> expectedKinds = new HashSet<>();
        for (Class<?> type : InitiativeEvent.class.getPermittedSubclasses()) {
            expectedKinds.add(type.getSimpleName());
        }
        expectedKinds.remove("InitiativeCompleted"); // a live initiative: completing it would end the history
        if (!kinds.containsAll(expectedKinds)) {
            expectedKinds.removeAll(kinds);
            throw new IllegalStateException("no event of type " + expectedKinds);
        }
        if (onTime == 0 || late == 0) {
            throw new IllegalStateException("fulfilments on time " + onTime + ", late " + late + ": want both");
        }
        AlignmentFacts facts = AlignmentFold.fold(history.initiativeId(), history.events());
        int active = facts.members().size();
        if (facts.version() != HistoryGenerator.TOTAL_EVENTS || active != HistoryGenerator.EXPECTED_ACTIVE) {
            throw new IllegalStateException("the fold gives version " + facts.version() + " and n = " + active
                    + "; expected " + HistoryGenerator.TOTAL_EVENTS + " and " + HistoryGenerator.EXPECTED_ACTIVE);
        }
        return new Summary(history.events().size(), active, first, previous, onTime, late);
    }

    private static Instant occurredAt(InitiativeEvent event) {
        if (event instanceof RelationshipEstablished e) {
            return e.occurredAt();
        } else if (event instanceof PossibilityShared e) {
            return e.occurredAt();
        } else if (event instanceof PossibilityResponded e) {
            return e.occurredAt();
        } else if (event instanceof PathwayMapped e) {
            return e.occurredAt();
        } else if (event instanceof CommitmentRequested e) {
            return e.occurredAt();
        } else if (event instanceof CommitmentRequestDeclined e) {
            return e.occurredAt();
        } else if (event instanceof CommitmentMade e) {
            return e.occurredAt();
        } else if (event instanceof CommitmentRenegotiated e) {
            return e.occurredAt();
        } else if (event instanceof CommitmentFulfilled e) {
            return e.occurredAt();
        } else if (event instanceof CommitmentWithdrawn e) {
            return e.occurredAt();
        } else if (event instanceof FeedbackGiven e) {
            return e.occurredAt();
        } else if (event instanceof ContributionAcknowledged e) {
            return e.occurredAt();
        } else if (event instanceof InitiativeEvent.InitiativeCompleted e) {
            return e.occurredAt();
        }
        return null; // launch, join and leave carry no occurredAt
    }

    /** The command a client would have sent to have this event recorded, decided at {@code now}. */
    private static InitiativeCommand command(InitiativeEvent event, Instant now) {
        Instant at = now == null ? HistoryGenerator.START : now;
        if (event instanceof InitiativeLaunched e) {
            return new LaunchInitiative(e.initiativeId(), e.title(), e.strategy(), e.sponsor(), e.units(),
                    e.targetDate() == null ? null : e.targetDate().toString(),
                    e.launchedAt() == null ? null : e.launchedAt().toString(), at);
        } else if (event instanceof ParticipantJoined e) {
            return new JoinInitiative(e.initiativeId(), e.personId(), e.displayName(), e.unit(), e.role(), at);
        } else if (event instanceof ParticipantLeft e) {
            return new LeaveInitiative(e.initiativeId(), e.personId(), e.reason(), at);
        } else if (event instanceof RelationshipEstablished e) {
            return new EstablishRelationship(e.initiativeId(), e.relationshipId(), e.participants(),
                    e.mutualUnderstanding(), text(e.occurredAt()), at);
        } else if (event instanceof PossibilityShared e) {
            return new SharePossibility(e.initiativeId(), e.possibilityId(), e.statement(), e.sharedBy(), e.audience(),
                    e.coAuthors(), text(e.occurredAt()), at);
        } else if (event instanceof PossibilityResponded e) {
            return new RespondToPossibility(e.initiativeId(), e.possibilityId(), e.personId(), e.stance(), e.note(),
                    text(e.occurredAt()), at);
        } else if (event instanceof PathwayMapped e) {
            return new MapPathway(e.initiativeId(), e.pathwayId(), e.possibilityId(), e.participants(), e.who(),
                    e.what(), e.when(), e.where(), e.how(), e.milestones().stream()
                    .map(m -> new PlannedMilestone(m.milestoneId(), m.title(), text(m.dueBy()), m.unit())).toList(),
                    text(e.occurredAt()), at);
        } else if (event instanceof CommitmentRequested e) {
            return new RequestCommitment(e.initiativeId(), e.requestId(), e.requestedBy(), e.personId(), e.result(),
                    text(e.dueBy()), text(e.occurredAt()), at);
        } else if (event instanceof CommitmentRequestDeclined e) {
            return new DeclineCommitmentRequest(e.initiativeId(), e.requestId(), e.reason(), text(e.occurredAt()), at);
        } else if (event instanceof CommitmentMade e) {
            return new MakeCommitment(e.initiativeId(), e.commitmentId(), e.personId(), e.role(), e.result(),
                    text(e.dueBy()), e.requestId(), e.pathwayId(), e.milestoneId(), text(e.occurredAt()), at);
        } else if (event instanceof CommitmentRenegotiated e) {
            return new RenegotiateCommitment(e.initiativeId(), e.commitmentId(), e.result(), text(e.dueBy()),
                    e.reason(), text(e.occurredAt()), at);
        } else if (event instanceof CommitmentFulfilled e) {
            return new FulfilCommitment(e.initiativeId(), e.commitmentId(), e.evidence(), text(e.occurredAt()), at);
        } else if (event instanceof CommitmentWithdrawn e) {
            return new WithdrawCommitment(e.initiativeId(), e.commitmentId(), e.reason(), text(e.occurredAt()), at);
        } else if (event instanceof FeedbackGiven e) {
            return new GiveFeedback(e.initiativeId(), e.feedbackId(), e.from(), e.to(), e.commitmentId(), e.text(),
                    text(e.occurredAt()), at);
        } else if (event instanceof ContributionAcknowledged e) {
            return new AcknowledgeContribution(e.initiativeId(), e.acknowledgementId(), e.from(), e.to(),
                    e.commitmentId(), e.text(), text(e.occurredAt()), at);
        } else if (event instanceof InitiativeEvent.InitiativeCompleted e) {
            return new InitiativeCommand.CompleteInitiative(e.initiativeId(), e.declaredBy(), e.summary(),
                    text(e.occurredAt()), at);
        }
        throw new IllegalArgumentException("no command for " + event.getClass().getSimpleName());
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
