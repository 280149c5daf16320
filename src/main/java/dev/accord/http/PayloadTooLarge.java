package dev.accord.http;

/** A request body over Accord's limit. Answered 413. */
public final class PayloadTooLarge extends RuntimeException {

    public PayloadTooLarge(String message) {
        super(message, null, false, false);
    }
}
