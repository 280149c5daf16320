package dev.accord.initiative.readmodel;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeCompleted;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.Milestone;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.RequestStatus;
import dev.accord.initiative.domain.Stance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

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
    }

    /** A commitment with its current terms (after renegotiation), its status and its history. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Commitment(String commitmentId, String personId, String role, String result, Instant dueBy,
                             String requestId, String pathwayId, String milestoneId, Instant occurredAt,
                             CommitmentStatus status, boolean overdue, List<Renegotiation> renegotiations,
                             Instant fulfilledAt, String evidence, Boolean fulfilledOnTime, Instant withdrawnAt,
                             String withdrawalReason) {

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

    /** The document after {@code event}; {@code current} is null before the launch. */
    public static InitiativeDetails apply(InitiativeDetails current, StoredEvent stored) {
        InitiativeEvent event = stored.event();
        Instant at = stored.recordedAt();
        if (event instanceof InitiativeLaunched launched) {
            Person sponsor = launched.sponsor();
            return new InitiativeDetails(launched.initiativeId(), launched.title(), launched.strategy(), sponsor,
                    launched.units(), launched.targetDate(), InitiativeStatus.ACTIVE, stored.version(), at, at,
                    List.of(new Participant(sponsor.personId(), sponsor.displayName(), sponsor.unit(),
                            sponsor.role(), at)),
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null);
        }
        if (current == null) {
            throw new IllegalStateException(stored.type() + " at version " + stored.version()
                    + " for an initiative that was not launched");
        }
        Draft next = new Draft(current, stored);
        if (event instanceof ParticipantJoined joined) {
            next.participants = sorted(with(current.participants, new Participant(joined.personId(),
                    joined.displayName(), joined.unit(), joined.role(), at)), Comparator.comparing(Participant::personId));
        } else if (event instanceof ParticipantLeft left) {
            leave(next, left, at);
        } else if (event instanceof RelationshipEstablished established) {
            next.relationships = with(current.relationships, new Relationship(established.relationshipId(),
                    established.participants(), established.mutualUnderstanding(), established.occurredAt()));
        } else if (event instanceof PossibilityShared shared) {
            next.possibilities = with(current.possibilities, new Possibility(shared.possibilityId(),
                    shared.statement(), shared.sharedBy(), shared.audience(), shared.coAuthors(),
                    shared.occurredAt(), List.of()));
        } else if (event instanceof PossibilityResponded responded) {
            next.possibilities = replace(current.possibilities,
                    possibility -> possibility.possibilityId().equals(responded.possibilityId()),
                    possibility -> new Possibility(possibility.possibilityId(), possibility.statement(),
                            possibility.sharedBy(), possibility.audience(), possibility.coAuthors(),
                            possibility.occurredAt(), with(possibility.responses(), new Response(responded.personId(),
                                    responded.stance(), responded.note(), responded.occurredAt()))));
        } else if (event instanceof PathwayMapped mapped) {
            next.pathways = with(current.pathways, new Pathway(mapped.pathwayId(), mapped.possibilityId(),
                    mapped.participants(), mapped.who(), mapped.what(), mapped.when(), mapped.where(), mapped.how(),
                    mapped.milestones(), mapped.occurredAt()));
        } else if (event instanceof CommitmentRequested requested) {
            next.requests = with(current.requests, new Request(requested.requestId(), requested.requestedBy(),
                    requested.personId(), requested.result(), requested.dueBy(), requested.occurredAt(),
                    RequestStatus.OPEN, null, null, null));
        } else if (event instanceof CommitmentRequestDeclined declined) {
            next.requests = replace(current.requests, request -> request.requestId().equals(declined.requestId()),
                    request -> new Request(request.requestId(), request.requestedBy(), request.personId(),
                            request.result(), request.dueBy(), request.occurredAt(), RequestStatus.DECLINED, null,
                            declined.occurredAt(), declined.reason()));
        } else if (event instanceof CommitmentMade made) {
            commit(next, made);
        } else if (event instanceof CommitmentRenegotiated renegotiated) {
            next.commitments = changeCommitment(current, renegotiated.commitmentId(), c -> new Commitment(
                    c.commitmentId(), c.personId(), c.role(),
                    renegotiated.result() == null ? c.result() : renegotiated.result(),
                    renegotiated.dueBy() == null ? c.dueBy() : renegotiated.dueBy(), c.requestId(), c.pathwayId(),
                    c.milestoneId(), c.occurredAt(), c.status(), false,
                    with(c.renegotiations(), new Renegotiation(renegotiated.result(), renegotiated.dueBy(),
                            renegotiated.reason(), renegotiated.occurredAt())),
                    null, null, null, null, null));
        } else if (event instanceof CommitmentFulfilled fulfilled) {
            next.commitments = changeCommitment(current, fulfilled.commitmentId(), c -> new Commitment(
                    c.commitmentId(), c.personId(), c.role(), c.result(), c.dueBy(), c.requestId(), c.pathwayId(),
                    c.milestoneId(), c.occurredAt(), CommitmentStatus.FULFILLED, false, c.renegotiations(),
                    fulfilled.occurredAt(), fulfilled.evidence(), !fulfilled.occurredAt().isAfter(c.dueBy()),
                    null, null));
        } else if (event instanceof CommitmentWithdrawn withdrawn) {
            next.commitments = changeCommitment(current, withdrawn.commitmentId(), c -> new Commitment(
                    c.commitmentId(), c.personId(), c.role(), c.result(), c.dueBy(), c.requestId(), c.pathwayId(),
                    c.milestoneId(), c.occurredAt(), CommitmentStatus.WITHDRAWN, false, c.renegotiations(),
                    null, null, null, withdrawn.occurredAt(), withdrawn.reason()));
        } else if (event instanceof FeedbackGiven given) {
            next.feedback = with(current.feedback, new Feedback(given.feedbackId(), given.from(), given.to(),
                    given.commitmentId(), given.text(), given.occurredAt()));
        } else if (event instanceof ContributionAcknowledged acknowledged) {
            next.acknowledgements = with(current.acknowledgements, new Acknowledgement(
                    acknowledged.acknowledgementId(), acknowledged.from(), acknowledged.to(),
                    acknowledged.commitmentId(), acknowledged.text(), acknowledged.occurredAt()));
        } else if (event instanceof InitiativeCompleted completed) {
            next.status = InitiativeStatus.COMPLETED;
            next.completion = new Completion(completed.declaredBy(), completed.summary(), completed.occurredAt());
        } else {
            throw new IllegalArgumentException("the details view does not know " + stored.type());
        }
        return next.build();
    }

    private static void leave(Draft next, ParticipantLeft left, Instant at) {
        List<Participant> participants = new ArrayList<>();
        List<FormerParticipant> former = new ArrayList<>(next.formerParticipants);
        for (Participant participant : next.participants) {
            if (participant.personId().equals(left.personId())) {
                former.add(new FormerParticipant(participant.personId(), participant.displayName(),
                        participant.unit(), participant.role(), participant.joinedAt(), at, left.reason()));
            } else {
                participants.add(participant);
            }
        }
        next.participants = participants;
        next.formerParticipants = sorted(former,
                Comparator.comparing(FormerParticipant::personId).thenComparing(FormerParticipant::leftAt));
    }

    /** A promise answering a request marks the request PROMISED, naming the commitment. */
    private static void commit(Draft next, CommitmentMade made) {
        next.commitments = with(next.commitments, new Commitment(made.commitmentId(), made.personId(), made.role(),
                made.result(), made.dueBy(), made.requestId(), made.pathwayId(), made.milestoneId(), made.occurredAt(),
                CommitmentStatus.OPEN, false, List.of(), null, null, null, null, null));
        if (made.requestId() != null) {
            next.requests = replace(next.requests, request -> request.requestId().equals(made.requestId()),
                    request -> new Request(request.requestId(), request.requestedBy(), request.personId(),
                            request.result(), request.dueBy(), request.occurredAt(), RequestStatus.PROMISED,
                            made.commitmentId(), null, null));
        }
    }

    private static List<Commitment> changeCommitment(InitiativeDetails current, String commitmentId,
                                                     UnaryOperator<Commitment> change) {
        return replace(current.commitments, commitment -> commitment.commitmentId().equals(commitmentId), change);
    }

    private static <T> List<T> with(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(item);
        return List.copyOf(copy);
    }

    private static <T> List<T> replace(List<T> list, Predicate<T> which, UnaryOperator<T> change) {
        return list.stream().map(item -> which.test(item) ? change.apply(item) : item).toList();
    }

    private static <T> List<T> sorted(List<T> list, Comparator<T> order) {
        List<T> copy = new ArrayList<>(list);
        copy.sort(order);
        return List.copyOf(copy);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** The fields an event may change, starting from the current document. */
    private static final class Draft {
        private final InitiativeDetails current;
        private final StoredEvent stored;
        private InitiativeStatus status;
        private List<Participant> participants;
        private List<FormerParticipant> formerParticipants;
        private List<Relationship> relationships;
        private List<Possibility> possibilities;
        private List<Pathway> pathways;
        private List<Request> requests;
        private List<Commitment> commitments;
        private List<Feedback> feedback;
        private List<Acknowledgement> acknowledgements;
        private Completion completion;

        Draft(InitiativeDetails current, StoredEvent stored) {
            this.current = current;
            this.stored = stored;
            status = current.status;
            participants = current.participants;
            formerParticipants = current.formerParticipants;
            relationships = current.relationships;
            possibilities = current.possibilities;
            pathways = current.pathways;
            requests = current.requests;
            commitments = current.commitments;
            feedback = current.feedback;
            acknowledgements = current.acknowledgements;
            completion = current.completion;
        }

        InitiativeDetails build() {
            return new InitiativeDetails(current.initiativeId, current.title, current.strategy, current.sponsor,
                    current.units, current.targetDate, status, stored.version(), current.launchedAt,
                    stored.recordedAt(), List.copyOf(participants), List.copyOf(formerParticipants), relationships,
                    possibilities, pathways, requests, commitments, feedback, acknowledgements, completion);
        }
    }
}
