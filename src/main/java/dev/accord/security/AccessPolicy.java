package dev.accord.security;

import java.util.Locale;
import java.util.Optional;

/**
 * The one table of who may do what, by the HTTP method and the path of the resource a request
 * reached. It is decided from the resource's declared path rather than from the request's
 * spelling of it, and it covers an endpoint added later without anyone listing it here.
 * <p>
 * Privacy: a person may read their own engagement view ({@code GET /api/v1/people/{personId}/engagement}
 * where {@code personId} is the token's subject) without {@code accord.read}; they see nothing
 * about anyone else that way.
 */
public final class AccessPolicy {

    static final String ADMIN_PATH = "/api/v1/admin";
    /** Webhook subscriptions (their path is public API): managing them is administration. */
    static final String WEBHOOKS_PATH = "/api/v1/webhooks";
    static final String PEOPLE_PATH = "/api/v1/people";

    private AccessPolicy() {
    }

    /**
     * @param method       the request's HTTP method
     * @param resourcePath the {@code @Path} of the resource class the request was routed to
     */
    public static Role required(String method, String resourcePath) {
        if (under(resourcePath, ADMIN_PATH) || under(resourcePath, WEBHOOKS_PATH)) {
            return Role.ADMIN;
        }
        return switch (method.toUpperCase(Locale.ROOT)) {
            case "GET", "HEAD", "OPTIONS" -> Role.READ;
            default -> Role.WRITE;
        };
    }

    private static boolean under(String resourcePath, String root) {
        return resourcePath.equals(root) || resourcePath.startsWith(root + "/");
    }

    /**
     * @param ownPersonId the {@code personId} the request reads the engagement of, when it is that
     *                    read (empty otherwise)
     */
    public static boolean permits(Caller caller, Role required, Optional<String> ownPersonId) {
        return caller.holds(required)
                || required == Role.READ && ownPersonId.filter(caller.subject()::equals).isPresent();
    }

    /** The person whose engagement view a request reads, if that is what it does. */
    public static Optional<String> engagementOf(String method, String resourcePath, String personIdParameter) {
        return "GET".equalsIgnoreCase(method) && resourcePath.equals(PEOPLE_PATH)
                ? Optional.ofNullable(personIdParameter) : Optional.empty();
    }
}
