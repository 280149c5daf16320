package dev.accord.http;

import java.util.Optional;

/** A request Accord cannot read: a malformed header, query parameter or body. Answered 400. */
public final class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String message) {
        this(null, message);
    }

    /** @param field the query parameter or header at fault, named in the answer's {@code errors} */
    public BadRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public Optional<String> field() {
        return Optional.ofNullable(field);
    }
}
