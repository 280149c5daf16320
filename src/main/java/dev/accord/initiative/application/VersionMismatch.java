package dev.accord.initiative.application;

/** If-Match named a version the initiative is no longer (or not yet) at. */
public final class VersionMismatch extends RuntimeException {

    public VersionMismatch(String message) {
        super(message, null, false, false);
    }
}
