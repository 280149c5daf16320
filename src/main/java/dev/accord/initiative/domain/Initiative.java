package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The write side's view of one initiative: only what the decider needs to judge a command.
 * {@code version} is the number of events folded so far (the stream's last version).
 */
public record Initiative(UUID initiativeId, long version, InitiativeStatus status, Person sponsor,
                         List<String> units, Map<String, Person> activeParticipants) {

    public Initiative {
        units = List.copyOf(units);
        activeParticipants = Map.copyOf(activeParticipants);
    }

    /** The state before anything was recorded: no version, no status. */
    public static Initiative notLaunched(UUID initiativeId) {
        return new Initiative(initiativeId, 0, null, null, List.of(), Map.of());
    }

    public boolean isLaunched() {
        return status != null;
    }

    public boolean isActiveParticipant(String personId) {
        return activeParticipants.containsKey(personId);
    }

    public static Initiative fold(UUID initiativeId, Iterable<? extends InitiativeEvent> events) {
        Initiative state = notLaunched(initiativeId);
        for (InitiativeEvent event : events) {
            state = evolve(state, event);
        }
        return state;
    }

    /** Applies one recorded fact. Pure: never rejects, never reads a clock. */
    public static Initiative evolve(Initiative state, InitiativeEvent event) {
        long version = state.version + 1;
        if (event instanceof InitiativeLaunched launched) {
            return new Initiative(launched.initiativeId(), version, InitiativeStatus.ACTIVE, launched.sponsor(),
                    launched.units(), Map.of(launched.sponsor().personId(), launched.sponsor()));
        }
        if (event instanceof ParticipantJoined joined) {
            Map<String, Person> participants = new LinkedHashMap<>(state.activeParticipants);
            participants.put(joined.personId(),
                    new Person(joined.personId(), joined.displayName(), joined.unit(), joined.role()));
            return state.with(version, participants);
        }
        if (event instanceof ParticipantLeft left) {
            Map<String, Person> participants = new LinkedHashMap<>(state.activeParticipants);
            participants.remove(left.personId());
            return state.with(version, participants);
        }
        throw new IllegalArgumentException("evolve does not know " + event.getClass().getSimpleName());
    }

    private Initiative with(long newVersion, Map<String, Person> participants) {
        return new Initiative(initiativeId, newVersion, status, sponsor, units, participants);
    }
}
