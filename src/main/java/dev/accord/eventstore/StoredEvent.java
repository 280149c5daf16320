package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent;

import java.time.Instant;
import java.util.UUID;

/** An event as recorded: the fact plus where it sits in its stream and when Accord stored it. */
public record StoredEvent(UUID eventId, UUID initiativeId, long version, String type, InitiativeEvent event,
                          Instant recordedAt, String correlationId) {
}
