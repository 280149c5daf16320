package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.AcknowledgeContribution;
import dev.accord.initiative.domain.InitiativeCommand.CompleteInitiative;
import dev.accord.initiative.domain.InitiativeCommand.DeclineCommitmentRequest;
import dev.accord.initiative.domain.InitiativeCommand.EstablishRelationship;
import dev.accord.initiative.domain.InitiativeCommand.FulfilCommitment;
import dev.accord.initiative.domain.InitiativeCommand.GiveFeedback;
import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LaunchInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LeaveInitiative;
import dev.accord.initiative.domain.InitiativeCommand.MakeCommitment;
import dev.accord.initiative.domain.InitiativeCommand.MapPathway;
import dev.accord.initiative.domain.InitiativeCommand.RenegotiateCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RequestCommitment;
import dev.accord.initiative.domain.InitiativeCommand.RespondToPossibility;
import dev.accord.initiative.domain.InitiativeCommand.SharePossibility;
import dev.accord.initiative.domain.InitiativeCommand.WithdrawCommitment;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Judges a command against the initiative's current state and answers the fact to record,
 * or throws a {@link Rejection}. Pure: the same command and state always give the same answer.
 * Membership is judged here; the five conversations by {@link ConversationPolicy} and the life
 * of requests and commitments by {@link CommitmentPolicy}.
 */
public final class InitiativeDecider {

    private InitiativeDecider() {
    }

    public static InitiativeEvent decide(InitiativeCommand command, Initiative state) {
        if (command instanceof LaunchInitiative launch) {
            return launch(launch, state);
        }
        requireActive(state);
        if (command instanceof JoinInitiative join) {
            return join(join, state);
        }
        if (command instanceof LeaveInitiative leave) {
            return leave(leave, state);
        }
        if (command instanceof EstablishRelationship establish) {
            return ConversationPolicy.establish(establish, state);
        }
        if (command instanceof SharePossibility share) {
            return ConversationPolicy.share(share, state);
        }
        if (command instanceof RespondToPossibility respond) {
            return ConversationPolicy.respond(respond, state);
        }
        if (command instanceof MapPathway map) {
            return ConversationPolicy.map(map, state);
        }
        if (command instanceof RequestCommitment request) {
            return CommitmentPolicy.request(request, state);
        }
        if (command instanceof DeclineCommitmentRequest decline) {
            return CommitmentPolicy.decline(decline, state);
        }
        if (command instanceof MakeCommitment make) {
            return CommitmentPolicy.make(make, state);
        }
        if (command instanceof RenegotiateCommitment renegotiate) {
            return CommitmentPolicy.renegotiate(renegotiate, state);
        }
        if (command instanceof FulfilCommitment fulfil) {
            return CommitmentPolicy.fulfil(fulfil, state);
        }
        if (command instanceof WithdrawCommitment withdraw) {
            return CommitmentPolicy.withdraw(withdraw, state);
        }
        if (command instanceof GiveFeedback feedback) {
            return ConversationPolicy.feedback(feedback, state);
        }
        if (command instanceof AcknowledgeContribution acknowledge) {
            return ConversationPolicy.acknowledge(acknowledge, state);
        }
        if (command instanceof CompleteInitiative complete) {
            return ConversationPolicy.complete(complete, state);
        }
        throw new IllegalArgumentException("decide does not know " + command.getClass().getSimpleName());
    }

    private static InitiativeLaunched launch(LaunchInitiative command, Initiative state) {
        Validation validation = new Validation()
                .text("title", command.title())
                .text("strategy", command.strategy())
                .required("sponsor", command.sponsor())
                .unitList("units", command.units());
        List<String> units = command.units() == null ? List.of() : command.units();
        if (command.sponsor() != null) {
            person(validation, "sponsor.", command.sponsor());
            Set<String> allUnits = new HashSet<>(units);
            allUnits.add(command.sponsor().unit());
            if (validation.isValid() && allUnits.size() > Bounds.MAX_UNITS) {
                validation.fail("units", "with the sponsor's unit, an initiative has at most " + Bounds.MAX_UNITS
                        + " units");
            }
        }
        LocalDate targetDate = validation.optionalDate("targetDate", command.targetDate());
        Instant launchedAt = validation.past("launchedAt", command.launchedAt(), command.now());
        validation.throwIfInvalid();
        if (state.isLaunched()) {
            throw new Rejection.Conflict("initiative " + command.initiativeId() + " was launched already");
        }
        return new InitiativeLaunched(command.initiativeId(), command.title(), command.strategy(),
                command.sponsor(), units, targetDate, launchedAt);
    }

    private static ParticipantJoined join(JoinInitiative command, Initiative state) {
        Validation validation = new Validation();
        person(validation, "", new Person(command.personId(), command.displayName(), command.unit(), command.role()));
        validation.throwIfInvalid();
        if (state.isActiveParticipant(command.personId())) {
            throw new Rejection.Conflict(command.personId() + " is already an active participant");
        }
        requireRoomFor(command, state);
        return new ParticipantJoined(command.initiativeId(), command.personId(), command.displayName(),
                command.unit(), command.role());
    }

    private static ParticipantLeft leave(LeaveInitiative command, Initiative state) {
        new Validation()
                .participant("personId", command.personId(), state)
                .optionalText("reason", command.reason())
                .throwIfInvalid();
        return new ParticipantLeft(command.initiativeId(), command.personId(), command.reason());
    }

    private static void person(Validation validation, String prefix, Person person) {
        validation.id(prefix + "personId", person.personId())
                .name(prefix + "displayName", person.displayName())
                .unit(prefix + "unit", person.unit())
                .name(prefix + "role", person.role());
    }

    /**
     * An initiative holds at most {@link Bounds#MAX_PARTICIPANTS} people (counting everyone who
     * ever joined: a leaver's engagement stays in the alignment) and {@link Bounds#MAX_UNITS}
     * units. A full initiative is a state the request cannot change, hence a conflict.
     */
    private static void requireRoomFor(JoinInitiative command, Initiative state) {
        if (!state.everJoined().contains(command.personId())
                && state.everJoined().size() >= Bounds.MAX_PARTICIPANTS) {
            throw new Rejection.Conflict("initiative " + command.initiativeId() + " has had "
                    + Bounds.MAX_PARTICIPANTS + " participants, the most it can hold; only earlier participants"
                    + " can rejoin");
        }
        if (!state.units().contains(command.unit()) && state.units().size() >= Bounds.MAX_UNITS) {
            throw new Rejection.Conflict("initiative " + command.initiativeId() + " already spans "
                    + Bounds.MAX_UNITS + " units, the most it can hold; join as one of them: "
                    + String.join(", ", new TreeSet<>(state.units())));
        }
    }

    /** Every command but launch needs a launched, still active initiative. */
    private static void requireActive(Initiative state) {
        if (!state.isLaunched()) {
            throw new Rejection.NotFound("initiative " + state.initiativeId() + " does not exist");
        }
        if (state.status() != InitiativeStatus.ACTIVE) {
            throw new Rejection.Conflict("initiative " + state.initiativeId() + " is " + state.status()
                    + "; only an ACTIVE initiative takes commands");
        }
    }
}
