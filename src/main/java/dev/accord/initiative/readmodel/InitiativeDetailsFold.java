package dev.accord.initiative.readmodel;

import dev.accord.eventstore.StoredEvent;
import dev.accord.readmodel.ReadModel;
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
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.Person;
import dev.accord.initiative.domain.RequestStatus;
import dev.accord.initiative.readmodel.InitiativeDetails.Acknowledgement;
import dev.accord.initiative.readmodel.InitiativeDetails.Commitment;
import dev.accord.initiative.readmodel.InitiativeDetails.Completion;
import dev.accord.initiative.readmodel.InitiativeDetails.Feedback;
import dev.accord.initiative.readmodel.InitiativeDetails.FormerParticipant;
import dev.accord.initiative.readmodel.InitiativeDetails.Participant;
import dev.accord.initiative.readmodel.InitiativeDetails.Pathway;
import dev.accord.initiative.readmodel.InitiativeDetails.Possibility;
import dev.accord.initiative.readmodel.InitiativeDetails.Relationship;
import dev.accord.initiative.readmodel.InitiativeDetails.Request;
import dev.accord.initiative.readmodel.InitiativeDetails.Response;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The details document of one initiative as mutable working state, for a read model that keeps
 * one per initiative: {@link #resume} it from the stored document (or from nothing), {@link
 * #apply} each new event (appending to or changing one entry of a list, whatever the length of
 * the history), and take {@link #details()} only when the document is needed. Not thread-safe;
 * the document it gives is an immutable snapshot that later events do not change.
 */
public final class InitiativeDetailsFold implements ReadModel.Folding<InitiativeDetails> {

    private UUID initiativeId;
    private String title;
    private String strategy;
    private Person sponsor;
    private List<String> units;
    private LocalDate targetDate;
    private InitiativeStatus status;
    private long version;
    private Instant launchedAt;
    private Instant updatedAt;
    private final Recorded<Participant> participants = new Recorded<>(Participant::personId);
    private final Recorded<FormerParticipant> formerParticipants = new Recorded<>(FormerParticipant::personId);
    private final Recorded<Relationship> relationships = new Recorded<>(Relationship::relationshipId);
    private final Recorded<Possibility> possibilities = new Recorded<>(Possibility::possibilityId);
    private final Recorded<Pathway> pathways = new Recorded<>(Pathway::pathwayId);
    private final Recorded<Request> requests = new Recorded<>(Request::requestId);
    private final Recorded<Commitment> commitments = new Recorded<>(Commitment::commitmentId);
    private final Recorded<Feedback> feedback = new Recorded<>(Feedback::feedbackId);
    private final Recorded<Acknowledgement> acknowledgements = new Recorded<>(Acknowledgement::acknowledgementId);
    private Completion completion;

    private InitiativeDetailsFold() {
    }

    /** Continues from a stored document; {@code current} is null before the launch. */
    public static InitiativeDetailsFold resume(InitiativeDetails current) {
        InitiativeDetailsFold fold = new InitiativeDetailsFold();
        if (current != null) {
            fold.take(current);
        }
        return fold;
    }

    /** The number of events applied, or 0 before the launch. */
    public long version() {
        return version;
    }

    /** A snapshot of the document; the lists no event changed since the last snapshot are not copied again. */
    public InitiativeDetails details() {
        if (status == null) {
            throw new IllegalStateException("no details before the launch");
        }
        return new InitiativeDetails(initiativeId, title, strategy, sponsor, units, targetDate, status, version,
                launchedAt, updatedAt, participants.frozen(), formerParticipants.frozen(), relationships.frozen(),
                possibilities.frozen(), pathways.frozen(), requests.frozen(), commitments.frozen(),
                feedback.frozen(), acknowledgements.frozen(), completion);
    }

    /** The document as the read model stores it: {@link #details()}. */
    @Override
    public InitiativeDetails row() {
        return details();
    }

    /** Applies one more event to the document. */
    @Override
    public void apply(StoredEvent stored) {
        InitiativeEvent event = stored.event();
        Instant at = stored.recordedAt();
        if (event instanceof InitiativeLaunched launched) {
            launch(launched, stored);
            return;
        }
        if (status == null) {
            throw new IllegalStateException(stored.type() + " at version " + stored.version()
                    + " for an initiative that was not launched");
        }
        if (event instanceof ParticipantJoined joined) {
            participants.insertSorted(new Participant(joined.personId(), joined.displayName(), joined.unit(),
                    joined.role(), at), Comparator.comparing(Participant::personId));
        } else if (event instanceof ParticipantLeft left) {
            leave(left, at);
        } else if (event instanceof RelationshipEstablished established) {
            relationships.add(new Relationship(established.relationshipId(), established.participants(),
                    established.mutualUnderstanding(), established.occurredAt()));
        } else if (event instanceof PossibilityShared shared) {
            possibilities.add(new Possibility(shared.possibilityId(), shared.statement(), shared.sharedBy(),
                    shared.audience(), shared.coAuthors(), shared.occurredAt(), List.of()));
        } else if (event instanceof PossibilityResponded responded) {
            possibilities.change(responded.possibilityId(), p -> new Possibility(p.possibilityId(), p.statement(),
                    p.sharedBy(), p.audience(), p.coAuthors(), p.occurredAt(), with(p.responses(),
                            new Response(responded.personId(), responded.stance(), responded.note(),
                                    responded.occurredAt()))));
        } else if (event instanceof PathwayMapped mapped) {
            pathways.add(new Pathway(mapped.pathwayId(), mapped.possibilityId(), mapped.participants(), mapped.who(),
                    mapped.what(), mapped.when(), mapped.where(), mapped.how(), mapped.milestones(),
                    mapped.occurredAt()));
        } else if (event instanceof CommitmentRequested requested) {
            requests.add(new Request(requested.requestId(), requested.requestedBy(), requested.personId(),
                    requested.result(), requested.dueBy(), requested.occurredAt(), RequestStatus.asked(), null, null,
                    null));
        } else if (event instanceof CommitmentMade made) {
            commitments.add(new Commitment(made.commitmentId(), made.personId(), made.role(), made.result(),
                    made.dueBy(), made.requestId(), made.pathwayId(), made.milestoneId(), made.occurredAt(),
                    CommitmentStatus.made(), false, List.of(), null, null, null, null, null));
        } else if (event instanceof CommitmentRenegotiated renegotiated) {
            commitments.change(renegotiated.commitmentId(), commitment -> commitment.renegotiated(renegotiated));
        } else if (event instanceof FeedbackGiven given) {
            feedback.add(new Feedback(given.feedbackId(), given.from(), given.to(), given.commitmentId(),
                    given.text(), given.occurredAt()));
        } else if (event instanceof ContributionAcknowledged acknowledged) {
            acknowledgements.add(new Acknowledgement(acknowledged.acknowledgementId(), acknowledged.from(),
                    acknowledged.to(), acknowledged.commitmentId(), acknowledged.text(), acknowledged.occurredAt()));
        } else if (event instanceof InitiativeCompleted completed) {
            status = InitiativeStatus.COMPLETED;
            completion = new Completion(completed.declaredBy(), completed.summary(), completed.occurredAt());
        } else if (!(event instanceof CommitmentRequestDeclined || event instanceof CommitmentFulfilled
                || event instanceof CommitmentWithdrawn)) {
            // These three only move a request or a commitment along its life (below).
            throw new IllegalArgumentException("the details view does not know " + stored.type());
        }
        RequestStatus.answerIn(event).ifPresent(answer -> requests.change(answer.requestId(),
                request -> request.answered(answer)));
        CommitmentStatus.closingIn(event).ifPresent(closing -> commitments.change(closing.commitmentId(),
                commitment -> commitment.closed(closing)));
        version = stored.version();
        updatedAt = at;
    }

    /** A launch starts the document afresh: the sponsor is its first participant. */
    private void launch(InitiativeLaunched launched, StoredEvent stored) {
        Person first = launched.sponsor();
        take(new InitiativeDetails(launched.initiativeId(), launched.title(), launched.strategy(), first,
                launched.units(), launched.targetDate(), InitiativeStatus.ACTIVE, stored.version(),
                stored.recordedAt(), stored.recordedAt(), List.of(new Participant(first.personId(),
                        first.displayName(), first.unit(), first.role(), stored.recordedAt())),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null));
    }

    private void leave(ParticipantLeft left, Instant at) {
        for (Participant participant : participants.remove(left.personId())) {
            formerParticipants.insertSorted(new FormerParticipant(participant.personId(),
                    participant.displayName(), participant.unit(), participant.role(), participant.joinedAt(), at,
                    left.reason()), Comparator.comparing(FormerParticipant::personId)
                    .thenComparing(FormerParticipant::leftAt));
        }
    }

    /** Replaces this fold's state with the document's. */
    private void take(InitiativeDetails document) {
        initiativeId = document.initiativeId();
        title = document.title();
        strategy = document.strategy();
        sponsor = document.sponsor();
        units = document.units();
        targetDate = document.targetDate();
        status = document.status();
        version = document.version();
        launchedAt = document.launchedAt();
        updatedAt = document.updatedAt();
        participants.take(document.participants());
        formerParticipants.take(document.formerParticipants());
        relationships.take(document.relationships());
        possibilities.take(document.possibilities());
        pathways.take(document.pathways());
        requests.take(document.requests());
        commitments.take(document.commitments());
        feedback.take(document.feedback());
        acknowledgements.take(document.acknowledgements());
        completion = document.completion();
    }

    private static <T> List<T> with(List<T> list, T item) {
        List<T> copy = new ArrayList<>(list.size() + 1);
        copy.addAll(list);
        copy.add(item);
        return List.copyOf(copy);
    }

    /**
     * One list of the document: the stored immutable list until an event changes it, then a
     * mutable copy (frozen again by the next snapshot). The positions of each id are indexed the
     * first time an item is looked up, so that changing one item does not scan the list.
     */
    private static final class Recorded<T> {
        private final Function<T, String> idOf;
        private List<T> frozen = List.of();
        private List<T> items;
        private Map<String, List<Integer>> positions;

        Recorded(Function<T, String> idOf) {
            this.idOf = idOf;
        }

        void take(List<T> stored) {
            frozen = stored == null ? List.of() : List.copyOf(stored);
            items = null;
            positions = null;
        }

        List<T> frozen() {
            if (items != null) {
                frozen = List.copyOf(items);
                items = null;
            }
            return frozen;
        }

        void add(T item) {
            if (positions != null) {
                positions.computeIfAbsent(idOf.apply(item), id -> new ArrayList<>(1)).add(items().size());
            }
            items().add(item);
        }

        /** Every item with this id (there is one in any history the decider allowed) becomes {@code change} of it. */
        void change(String id, UnaryOperator<T> change) {
            for (int position : positionsOf(id)) {
                items().set(position, change.apply(items().get(position)));
            }
        }

        /** Takes out every item with this id, oldest first. */
        List<T> remove(String id) {
            if (positionsOf(id).isEmpty()) {
                return List.of();
            }
            List<T> removed = new ArrayList<>();
            items().removeIf(item -> id.equals(idOf.apply(item)) && removed.add(item));
            positions = null;
            return removed;
        }

        /** Inserts after every item that does not sort after it, as a stable sort of the appended list would. */
        void insertSorted(T item, Comparator<T> order) {
            List<T> list = items();
            int position = list.size();
            while (position > 0 && order.compare(list.get(position - 1), item) > 0) {
                position--;
            }
            list.add(position, item);
            positions = null;
        }

        private List<Integer> positionsOf(String id) {
            return id == null ? List.of() : positions().getOrDefault(id, List.of());
        }

        private List<T> items() {
            if (items == null) {
                items = new ArrayList<>(frozen);
            }
            return items;
        }

        private Map<String, List<Integer>> positions() {
            if (positions == null) {
                positions = new HashMap<>();
                List<T> list = items == null ? frozen : items;
                for (int position = 0; position < list.size(); position++) {
                    positions.computeIfAbsent(idOf.apply(list.get(position)), id -> new ArrayList<>(1)).add(position);
                }
            }
            return positions;
        }
    }
}
