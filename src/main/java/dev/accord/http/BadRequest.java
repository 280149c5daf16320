package dev.accord.http;

/** A request Accord cannot read: a malformed header, query parameter or body. Answered 400. */
public final class BadRequest extends RuntimeException {

    public BadRequest(String message) {
        super(message, null, false, false);
    }
}
