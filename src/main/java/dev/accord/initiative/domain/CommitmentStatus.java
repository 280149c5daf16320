package dev.accord.initiative.domain;

import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;

import java.time.Instant;
import java.util.Optional;

/**
 * A commitment's life: it is made OPEN, and stays open (through any renegotiation) until it is
 * fulfilled or withdrawn; both are final. The decider and every fold take these steps from here.
 */
public enum CommitmentStatus {
    OPEN,
    FULFILLED,
    WITHDRAWN;

    /** Where a commitment starts when it is made. */
    public static CommitmentStatus made() {
        return OPEN;
    }

    /** Only an open commitment can still be renegotiated, fulfilled or withdrawn. */
    public boolean isOpen() {
        return this == OPEN;
    }

    /** The end an event puts to a commitment, if it puts one. */
    public static Optional<Closing> closingIn(InitiativeEvent event) {
        if (event instanceof CommitmentFulfilled fulfilled) {
            return Optional.of(new Closing(fulfilled.commitmentId(), FULFILLED, fulfilled.occurredAt(),
                    fulfilled.evidence()));
        }
        if (event instanceof CommitmentWithdrawn withdrawn) {
            return Optional.of(new Closing(withdrawn.commitmentId(), WITHDRAWN, withdrawn.occurredAt(),
                    withdrawn.reason()));
        }
        return Optional.empty();
    }

    /** A commitment closed: its final status, when, and the evidence or the reason given. */
    public record Closing(String commitmentId, CommitmentStatus status, Instant at, String note) {

        public boolean fulfilled() {
            return status == FULFILLED;
        }

        /** Whether it was fulfilled no later than the due date then in force; null when it was withdrawn. */
        public Boolean fulfilledOnTime(Instant dueBy) {
            return fulfilled() ? !at.isAfter(dueBy) : null;
        }
    }
}
