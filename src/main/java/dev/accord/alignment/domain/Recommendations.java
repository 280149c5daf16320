package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentFacts.PossibilityFacts;
import dev.accord.alignment.domain.AlignmentFacts.RequestFacts;
import dev.accord.alignment.domain.AlignmentState.UnitLink;
import dev.accord.alignment.domain.AlignmentState.Units;
import dev.accord.alignment.domain.Recommendation.Kind;
import dev.accord.initiative.domain.CommitmentStatus;
import dev.accord.initiative.domain.RequestStatus;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The recommendations (docs/alignment-model.md): the conversations to begin now, collected from every section of
 * the state and put in that document's order: stage, the table's order, the item's key.
 */
final class Recommendations {

    private static final Set<OverallStance> NOT_YET_ENROLLED = EnumSet.of(OverallStance.BUYS_IN,
            OverallStance.HAS_CONCERNS, OverallStance.NO_RESPONSE);

    private final Participants participants;
    private final List<Recommendation> items = new ArrayList<>();

    private Recommendations(Participants participants) {
        this.participants = participants;
    }

    static List<Recommendation> of(AlignmentFacts facts, Participants participants, Units units, Instant asOf) {
        Recommendations next = new Recommendations(participants);
        for (String unit : units.unrepresented()) {
            next.keepForUnits(Kind.UNIT_ENTRY, List.of(unit),
                    "No active participant represents " + unit + ": invite someone from " + unit
                            + " and begin a relationship conversation with them.");
        }
        for (UnitLink link : units.disconnected()) {
            next.keepForUnits(Kind.UNIT_LINK, link.units(),
                    link.units().get(0) + " and " + link.units().get(1) + " have no relationship yet: bring"
                            + " people of both units together to understand each other's commitments.");
        }
        next.add(Kind.RELATIONSHIP, participants.where(person -> !person.engaged(EnrollmentStage.RELATIONSHIP)),
                null, null, null, "These participants have no recorded relationship conversation: begin with one,"
                        + " centred on a mutual understanding of commitments.");
        boolean shared = !facts.possibilities().isEmpty();
        next.add(Kind.SHARE_POSSIBILITY, shared
                        ? participants.where(person -> person.stance() == OverallStance.NOT_REACHED)
                        : participants.ids(), null, null, null,
                shared ? "No possibility has reached these participants yet: share it with them."
                        : "No possibility has been shared yet: communicate the possibility so people can"
                        + " collaborate on it.");
        next.add(Kind.ENROLLMENT, participants.where(person -> NOT_YET_ENROLLED.contains(person.stance())), null,
                null, null, "These participants accept, doubt or have not answered the possibility: invite them"
                        + " to shape it until they own it (enrollment, not buy-in).");
        for (PossibilityFacts possibility : facts.possibilities()) {
            if (!possibility.mapped()) {
                List<String> authors = new ArrayList<>(possibility.coAuthors());
                authors.add(possibility.sharedBy());
                next.add(Kind.MAP_PATHWAY, participants.among(authors), possibility.possibilityId(), null, null,
                        "This possibility has no pathway: flesh out who, what, when, where and how together.");
            }
        }
        next.add(Kind.JOIN_PATHWAY, participants.where(person -> person.stance().isEnrolled()
                        && !person.engaged(EnrollmentStage.PATHWAY)), null, null, null,
                "These participants own a possibility but took no part in mapping a pathway: bring them into"
                        + " the pathway conversation.");
        next.add(Kind.COMMIT, participants.where(person -> person.engaged(EnrollmentStage.PATHWAY)
                        && !person.engaged(EnrollmentStage.ACTION)), null, null, null,
                "These participants helped map the pathway but have made no commitment: ask for their role,"
                        + " result and by when.");
        for (RequestFacts request : facts.requests()) {
            if (request.status() == RequestStatus.OPEN) {
                next.add(Kind.ANSWER_REQUEST, participants.among(List.of(request.requestedBy(), request.personId())),
                        null, request.requestId(), null, "This request for a commitment is still open: promise it,"
                                + " counter-offer or decline it.");
            }
        }
        for (CommitmentFacts commitment : facts.commitments()) {
            if (Alignment.overdue(commitment, asOf)) {
                next.keep(Kind.RENEGOTIATE, participants.among(List.of(commitment.personId())),
                        commitment.commitmentId(), "This commitment is past its due date of " + commitment.dueBy()
                                + ": fulfil it or renegotiate its terms.");
            }
        }
        for (CommitmentFacts commitment : facts.commitments()) {
            if (commitment.status() == CommitmentStatus.FULFILLED && !commitment.acknowledged()) {
                next.keep(Kind.ACKNOWLEDGE, participants.among(List.of(commitment.personId())),
                        commitment.commitmentId(), "This commitment was fulfilled and nobody acknowledged it:"
                                + " acknowledge the contribution.");
            }
        }
        return next.sorted();
    }

    /** An item about people: left out when nobody is left to have the conversation. */
    private void add(Kind kind, List<String> people, String possibilityId, String requestId, String commitmentId,
                     String reason) {
        if (!people.isEmpty()) {
            items.add(new Recommendation(kind, kind.stage(), people, participants.unitsOf(people), possibilityId,
                    requestId, commitmentId, reason));
        }
    }

    /** An item about a commitment, kept even when its person is no longer a participant. */
    private void keep(Kind kind, List<String> people, String commitmentId, String reason) {
        items.add(new Recommendation(kind, kind.stage(), people, participants.unitsOf(people), null, null,
                commitmentId, reason));
    }

    /** An item about units (one to enter, two to link): it names no people yet. */
    private void keepForUnits(Kind kind, List<String> units, String reason) {
        items.add(new Recommendation(kind, kind.stage(), List.of(), units, null, null, null, reason));
    }

    private List<Recommendation> sorted() {
        List<Recommendation> sorted = new ArrayList<>(items);
        sorted.sort((x, y) -> {
            int byKind = x.kind().compareTo(y.kind());
            return byKind != 0 ? byKind : key(x).compareTo(key(y));
        });
        return sorted;
    }

    private static String key(Recommendation item) {
        return switch (item.kind()) {
            case UNIT_ENTRY, UNIT_LINK -> String.join("\u0000", item.units());
            case MAP_PATHWAY -> item.possibilityId();
            case ANSWER_REQUEST -> item.requestId();
            case RENEGOTIATE, ACKNOWLEDGE -> item.commitmentId();
            default -> "";
        };
    }
}
