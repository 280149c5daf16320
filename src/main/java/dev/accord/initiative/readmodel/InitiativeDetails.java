package dev.accord.initiative.readmodel;

import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeStatus;
import dev.accord.initiative.domain.Person;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The details of one initiative as clients read them: the read model's document, folded from
 * the same events subscribers receive. Participants are listed by personId.
 */
public record InitiativeDetails(UUID initiativeId, String title, String strategy, Person sponsor, List<String> units,
                                LocalDate targetDate, InitiativeStatus status, long version, Instant launchedAt,
                                Instant updatedAt, List<Participant> participants,
                                List<FormerParticipant> formerParticipants) {

    public record Participant(String personId, String displayName, String unit, String role, Instant joinedAt) {
    }

    public record FormerParticipant(String personId, String displayName, String unit, String role,
                                    Instant joinedAt, Instant leftAt, String reason) {
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
                    List.of());
        }
        if (current == null) {
            throw new IllegalStateException(stored.type() + " at version " + stored.version()
                    + " for an initiative that was not launched");
        }
        if (event instanceof ParticipantJoined joined) {
            List<Participant> participants = new ArrayList<>(current.participants);
            participants.add(new Participant(joined.personId(), joined.displayName(), joined.unit(), joined.role(), at));
            participants.sort(Comparator.comparing(Participant::personId));
            return current.next(stored, participants, current.formerParticipants);
        }
        if (event instanceof ParticipantLeft left) {
            List<Participant> participants = new ArrayList<>();
            List<FormerParticipant> former = new ArrayList<>(current.formerParticipants);
            for (Participant participant : current.participants) {
                if (participant.personId().equals(left.personId())) {
                    former.add(new FormerParticipant(participant.personId(), participant.displayName(),
                            participant.unit(), participant.role(), participant.joinedAt(), at, left.reason()));
                } else {
                    participants.add(participant);
                }
            }
            former.sort(Comparator.comparing(FormerParticipant::personId).thenComparing(FormerParticipant::leftAt));
            return current.next(stored, participants, former);
        }
        throw new IllegalArgumentException("the details view does not know " + stored.type());
    }

    private InitiativeDetails next(StoredEvent stored, List<Participant> participants,
                                   List<FormerParticipant> former) {
        return new InitiativeDetails(initiativeId, title, strategy, sponsor, units, targetDate, status,
                stored.version(), launchedAt, stored.recordedAt(), List.copyOf(participants), List.copyOf(former));
    }
}
