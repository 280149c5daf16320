package dev.accord.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.accord.initiative.domain.Rejection.FieldError;

import java.util.List;

/** An RFC 9457 problem document. {@code errors} lists field-level reasons of a 422. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://accord.dev/problems/";

    public static Problem of(Kind kind, String detail, String instance) {
        return new Problem(TYPE_BASE + kind.slug, kind.title, kind.status, detail, instance, null);
    }

    public Problem withStatus(int answeredStatus) {
        return new Problem(type, title, answeredStatus, detail, instance, errors);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, instance, List.copyOf(fieldErrors));
    }

    /** Every kind of problem Accord answers, with its one status code. */
    public enum Kind {
        MALFORMED_REQUEST(400, "malformed-request", "The request cannot be read"),
        UNAUTHENTICATED(401, "unauthenticated", "A valid bearer token is required"),
        FORBIDDEN(403, "forbidden", "The token's roles do not allow this"),
        NOT_FOUND(404, "not-found", "Not found"),
        METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
        NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
        CONFLICT(409, "conflict", "The initiative's state does not allow this"),
        PRECONDITION_FAILED(412, "precondition-failed", "The initiative is not at the version named in If-Match"),
        PAYLOAD_TOO_LARGE(413, "payload-too-large", "The request body is too large"),
        URI_TOO_LONG(414, "uri-too-long", "The request line is too long"),
        UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "The request body must be JSON"),
        VALIDATION_FAILED(422, "validation-failed", "The request is not valid"),
        HEADERS_TOO_LARGE(431, "headers-too-large", "The request headers are too large"),
        INTERNAL_ERROR(500, "internal-error", "Accord failed to answer"),
        UNAVAILABLE(503, "unavailable", "Not available yet");

        final int status;
        final String slug;
        final String title;

        Kind(int status, String slug, String title) {
            this.status = status;
            this.slug = slug;
            this.title = title;
        }
    }
}
