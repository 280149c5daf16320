package dev.accord.http;

import dev.accord.initiative.domain.Rejection;

import java.util.UUID;

/** Ids taken from request paths. */
public final class PathIds {

    private PathIds() {
    }

    /** An id that is not a UUID cannot name an initiative: that is a 404, not a malformed request. */
    public static UUID initiativeId(String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new Rejection.NotFound("initiative " + value + " does not exist");
        }
    }
}
