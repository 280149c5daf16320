package dev.accord.initiative.domain;

public enum InitiativeStatus {
    ACTIVE,
    COMPLETED
}
