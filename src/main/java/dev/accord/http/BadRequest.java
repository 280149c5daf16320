package dev.accord.http;

/**
 * A request Accord cannot read: a malformed header, query parameter or body. Answered 400,
 * naming the header or parameter when there is one.
 */
public final class BadRequest extends RuntimeException {

    private final String field;

    public BadRequest(String message) {
        this(null, message);
    }

    public BadRequest(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    /** The header or query parameter at fault, or null when the request as a whole is. */
    public String field() {
        return field;
    }
}
