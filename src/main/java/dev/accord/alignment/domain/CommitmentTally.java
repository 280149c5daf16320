package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentState.PersonCommitments;
import dev.accord.initiative.domain.CommitmentStatus;

import java.time.Instant;

/** One person's commitments counted as they are met: open (of which overdue at the clock) and fulfilled. */
final class CommitmentTally {
    private final Instant asOf;
    private int open;
    private int overdue;
    private int fulfilled;

    CommitmentTally(Instant asOf) {
        this.asOf = asOf;
    }

    void count(CommitmentFacts commitment) {
        if (commitment.status() == CommitmentStatus.OPEN) {
            open++;
            overdue += Alignment.overdue(commitment, asOf) ? 1 : 0;
        } else if (commitment.status() == CommitmentStatus.FULFILLED) {
            fulfilled++;
        }
    }

    PersonCommitments counts() {
        return new PersonCommitments(open, overdue, fulfilled);
    }
}
