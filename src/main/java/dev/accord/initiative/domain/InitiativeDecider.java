package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeCommand.JoinInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LaunchInitiative;
import dev.accord.initiative.domain.InitiativeCommand.LeaveInitiative;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;

import java.time.LocalDate;
import java.util.List;

/**
 * Judges a command against the initiative's current state and answers the fact to record,
 * or throws a {@link Rejection}. Pure: the same command and state always give the same answer.
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
        throw new IllegalArgumentException("decide does not know " + command.getClass().getSimpleName());
    }

    private static InitiativeLaunched launch(LaunchInitiative command, Initiative state) {
        Validation validation = new Validation()
                .text("title", command.title())
                .text("strategy", command.strategy())
                .required("sponsor", command.sponsor())
                .textList("units", command.units());
        if (command.sponsor() != null) {
            person(validation, "sponsor.", command.sponsor());
        }
        LocalDate targetDate = validation.optionalDate("targetDate", command.targetDate());
        validation.throwIfInvalid();
        if (state.isLaunched()) {
            throw new Rejection.Conflict("initiative " + command.initiativeId() + " was launched already");
        }
        List<String> units = command.units() == null ? List.of() : command.units();
        return new InitiativeLaunched(command.initiativeId(), command.title(), command.strategy(),
                command.sponsor(), units, targetDate);
    }

    private static ParticipantJoined join(JoinInitiative command, Initiative state) {
        Validation validation = new Validation();
        person(validation, "", new Person(command.personId(), command.displayName(), command.unit(), command.role()));
        validation.throwIfInvalid();
        if (state.isActiveParticipant(command.personId())) {
            throw new Rejection.Conflict(command.personId() + " is already an active participant");
        }
        return new ParticipantJoined(command.initiativeId(), command.personId(), command.displayName(),
                command.unit(), command.role());
    }

    private static ParticipantLeft leave(LeaveInitiative command, Initiative state) {
        new Validation()
                .id("personId", command.personId())
                .optionalText("reason", command.reason())
                .throwIfInvalid();
        if (!state.isActiveParticipant(command.personId())) {
            // SPEC §2: a person named in an event must be an active participant (422).
            throw new Rejection.Invalid("personId", command.personId() + " is not an active participant");
        }
        return new ParticipantLeft(command.initiativeId(), command.personId(), command.reason());
    }

    private static void person(Validation validation, String prefix, Person person) {
        validation.id(prefix + "personId", person.personId())
                .text(prefix + "displayName", person.displayName())
                .text(prefix + "unit", person.unit())
                .text(prefix + "role", person.role());
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
