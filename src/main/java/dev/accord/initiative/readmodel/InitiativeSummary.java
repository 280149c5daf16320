package dev.accord.initiative.readmodel;

import dev.accord.initiative.domain.InitiativeStatus;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One line of the initiatives listing, with the alignment score (null: no data yet) and band. */
public record InitiativeSummary(UUID initiativeId, String title, InitiativeStatus status, String sponsor,
                                List<String> units, int participantCount, Integer score, String band, long version,
                                Instant launchedAt, Instant updatedAt) {
}
