package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.PersonCommitments;
import dev.accord.initiative.domain.InitiativeStatus;

import java.util.List;
import java.util.UUID;

/**
 * A person's part in one initiative, for HR: the stages they took part in, their stance, their
 * commitments, the acknowledgements they gave and received. {@code active} is false for someone
 * who left; their unit and role are then not known to the initiative any more.
 */
public record PersonEngagement(UUID initiativeId, long version, InitiativeStatus status, boolean active, String unit,
                               String role, List<Integer> stages, OverallStance stance,
                               PersonCommitments commitments, Acknowledgements acknowledgements) {

    public record Acknowledgements(int given, int received) {
    }
}
