package dev.accord.security;

/** A valid token whose roles do not grant the request: 403. */
public class NotPermitted extends RuntimeException {

    public NotPermitted(Role required) {
        super("this request needs the role " + required.group() + " in the token's groups", null, false, false);
    }
}
