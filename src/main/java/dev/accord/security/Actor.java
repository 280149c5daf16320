package dev.accord.security;

import jakarta.enterprise.context.RequestScoped;

/**
 * The subject of the current request's verified token: the actor recorded with the events the
 * request causes. Absent (null) when authentication is off, since then nobody is known.
 */
@RequestScoped
public class Actor {

    private String subject;

    void set(String verifiedSubject) {
        subject = verifiedSubject;
    }

    /** The token's subject, or null when the request was not authenticated (authentication off). */
    public String subject() {
        return subject;
    }
}
