package dev.accord.initiative.api;

/** A person as the HR system knows them: the sponsor at launch, or someone joining. */
public record PersonRequest(String personId, String displayName, String unit, String role) {
}
