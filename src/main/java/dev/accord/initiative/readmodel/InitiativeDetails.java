package dev.accord.initiative.readmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.RequestStatus;
import dev.accord.initiative.domain.Stance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The details of one initiative as clients read them: the read model's document, folded from
 * the same events subscribers receive. Participants are listed by personId; conversations in
 * the order they were recorded. Whether a commitment is overdue depends on the clock, so the
 * document stores it as not overdue and {@link #at(Instant)} answers it for the reader's now.
 */
public record InitiativeDetails(UUID initiativeId, String title, String strategy, Person sponsor, List<String> units,
                                LocalDate targetDate, InitiativeStatus status, long version, Instant launchedAt,
                                Instant updatedAt, List<Participant> participants,
                                List<FormerParticipant> formerParticipants, List<Relationship> relationships,
                                List<Possibility> possibilities, List<Pathway> pathways, List<Request> requests,
                                List<Commitment> commitments, List<Feedback> feedback,
                                List<Acknowledgement> acknowledgements, Completion completion) {

    public InitiativeDetails {
        relationships = orEmpty(relationships);
        possibilities = orEmpty(possibilities);
        pathways = orEmpty(pathways);
        requests = orEmpty(requests);
        commitments = orEmpty(commitments);
        feedback = orEmpty(feedback);
        acknowledgements = orEmpty(acknowledgements);
    }

    public record Participant(String personId, String displayName, String unit, String role, Instant joinedAt) {
    }

    public record FormerParticipant(String personId, String displayName, String unit, String role,
                                    Instant joinedAt, Instant leftAt, String reason) {
    }

    public record Relationship(String relationshipId, List<String> participants, String mutualUnderstanding,
                               Instant occurredAt) {
    }

    /** A possibility with every response to it, oldest first (a person's last one is their stance). */
    public record Possibility(String possibilityId, String statement, String sharedBy, List<String> audience,
                              List<String> coAuthors, Instant occurredAt, List<Response> responses) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(String personId, Stance stance, String note, Instant occurredAt) {
    }

    public record Pathway(String pathwayId, String possibilityId, List<String> participants, String who, String what,
                          String when, String where, String how, List<Milestone> milestones, Instant occurredAt) {
    }

    /** A request and how it was answered: declined (with the reason) or promised (by which commitment). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String requestId, String requestedBy, String personId, String result, Instant dueBy,
                          Instant occurredAt, RequestStatus status, String commitmentId, Instant declinedAt,
                          String declineReason) {

        Request answered(RequestStatus.Answer answer) {
            return new Request(requestId, requestedBy, personId, result, dueBy, occurredAt, answer.status(),
                    answer.commitmentId(), answer.declinedAt(), answer.declineReason());
        }
    }

    /** A commitment with its current terms (after renegotiation), its status and its history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Commitment(String commitmentId, String personId, String role, String result, Instant dueBy,
                             String requestId, String pathwayId, String milestoneId, Instant occurredAt,
                             CommitmentStatus status, boolean overdue, List<Renegotiation> renegotiations,
                             Instant fulfilledAt, String evidence, Boolean fulfilledOnTime, Instant withdrawnAt,
                             String withdrawalReason) {

        Commitment renegotiated(CommitmentRenegotiated terms) {
            List<Renegotiation> history = new ArrayList<>(renegotiations);
            history.add(new Renegotiation(terms.result(), terms.dueBy(), terms.reason(), terms.occurredAt()));
            return new Commitment(commitmentId, personId, role, terms.resultAfter(result), terms.dueByAfter(dueBy),
                    requestId, pathwayId, milestoneId, occurredAt, status, false, List.copyOf(history), null, null,
                    null, null, null);
        }

        Commitment closed(CommitmentStatus.Closing closing) {
            boolean fulfilled = closing.fulfilled();
            return new Commitment(commitmentId, personId, role, result, dueBy, requestId, pathwayId, milestoneId,
                    occurredAt, closing.status(), false, renegotiations, fulfilled ? closing.at() : null,
                    fulfilled ? closing.note() : null, closing.fulfilledOnTime(dueBy),
                    fulfilled ? null : closing.at(), fulfilled ? null : closing.note());
        }

        Commitment at(Instant now) {
            boolean late = status == CommitmentStatus.OPEN && dueBy.isBefore(now);
            return late == overdue ? this : new Commitment(commitmentId, personId, role, result, dueBy, requestId,
                    pathwayId, milestoneId, occurredAt, status, late, renegotiations, fulfilledAt, evidence,
                    fulfilledOnTime, withdrawnAt, withdrawalReason);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Renegotiation(String result, Instant dueBy, String reason, Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Feedback(String feedbackId, String from, String to, String commitmentId, String text,
                           Instant occurredAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Acknowledgement(String acknowledgementId, String from, String to, String commitmentId,
                                  String text, Instant occurredAt) {
    }

    public record Completion(String declaredBy, String summary, Instant occurredAt) {
    }

    /** The details as of {@code now}: which open commitments are past their due date. */
    public InitiativeDetails at(Instant now) {
        return new InitiativeDetails(initiativeId, title, strategy, sponsor, units, targetDate, status, version,
                launchedAt, updatedAt, participants, formerParticipants, relationships, possibilities, pathways,
                requests, commitments.stream().map(commitment -> commitment.at(now)).toList(), feedback,
                acknowledgements, completion);
    }

    /**
     * The document after {@code event}; {@code current} is null before the launch. It copies the
     * whole document, so a caller applying many events keeps an {@link InitiativeDetailsFold}.
     */
    public static InitiativeDetails apply(InitiativeDetails current, StoredEvent stored) {
        InitiativeDetailsFold fold = InitiativeDetailsFold.resume(current);
        fold.apply(stored);
        return fold.details();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
