package dev.accord.initiative.domain;

/** A commitment is open until it is fulfilled or withdrawn; both are final. */
public enum CommitmentStatus {
    OPEN,
    FULFILLED,
    WITHDRAWN
}
