package dev.accord.initiative.domain;

/** Someone taking part in an initiative, as the HR system knows them. */
public record Person(String personId, String displayName, String unit, String role) {
}
