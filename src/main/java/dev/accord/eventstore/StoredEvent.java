package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent;

import java.time.Instant;
import java.util.UUID;

/**
 * An event as recorded: the fact plus where it sits in its stream, when Accord stored it, and who
 * caused it ({@code actor}: the token subject of the command, null when authentication was off).
 */
public record StoredEvent(UUID eventId, UUID initiativeId, long version, String type, InitiativeEvent event,
                          Instant recordedAt, String correlationId, String actor) {

    /** Without a known actor. */
    public StoredEvent(UUID eventId, UUID initiativeId, long version, String type, InitiativeEvent event,
                       Instant recordedAt, String correlationId) {
        this(eventId, initiativeId, version, type, event, recordedAt, correlationId, null);
    }
}
