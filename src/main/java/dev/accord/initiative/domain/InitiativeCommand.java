package dev.accord.initiative.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a client asks of an initiative. Commands carry the instant they are decided at, so the
 * decider never reads a clock. Fields arrive as the client sent them (possibly null or too
 * long): validating them is the decider's job, so every rejection names its field.
 */
public sealed interface InitiativeCommand {

    UUID initiativeId();

    Instant now();

    record LaunchInitiative(UUID initiativeId, String title, String strategy, Person sponsor,
                            List<String> units, String targetDate, Instant now) implements InitiativeCommand {
    }

    record JoinInitiative(UUID initiativeId, String personId, String displayName, String unit, String role,
                          Instant now) implements InitiativeCommand {
    }

    record LeaveInitiative(UUID initiativeId, String personId, String reason, Instant now)
            implements InitiativeCommand {
    }
}
