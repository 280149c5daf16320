package dev.accord.security;

/** No bearer token, or one Accord does not accept (signature, issuer, audience, expiry, subject): 401. */
public class NotAuthenticated extends RuntimeException {

    private final boolean tokenPresented;

    public NotAuthenticated(String message, boolean tokenPresented) {
        super(message, null, false, false);
        this.tokenPresented = tokenPresented;
    }

    /** A token was sent and refused, as opposed to none sent (RFC 6750 {@code error="invalid_token"}). */
    public boolean tokenPresented() {
        return tokenPresented;
    }
}
