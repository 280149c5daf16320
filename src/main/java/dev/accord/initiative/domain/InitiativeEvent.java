package dev.accord.initiative.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The facts Accord records about an initiative. Each carries its initiative id so that a
 * subscriber reading one record alone knows what it is about.
 */
public sealed interface InitiativeEvent {

    UUID initiativeId();

    /** The sponsor becomes the first participant at launch; no separate join is recorded. */
    record InitiativeLaunched(UUID initiativeId, String title, String strategy, Person sponsor,
                              List<String> units, LocalDate targetDate) implements InitiativeEvent {
        public InitiativeLaunched {
            units = List.copyOf(units);
        }
    }

    record ParticipantJoined(UUID initiativeId, String personId, String displayName, String unit,
                             String role) implements InitiativeEvent {
    }

    record ParticipantLeft(UUID initiativeId, String personId, String reason) implements InitiativeEvent {
    }
}
