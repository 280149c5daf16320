package dev.accord.http;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.accord.eventstore.PgErrors;
import dev.accord.initiative.application.IdempotencyKeyReused;
import dev.accord.initiative.application.VersionMismatch;
import dev.accord.initiative.domain.Rejection;
import dev.accord.projection.Projections;
import dev.accord.projection.Rebuilds;
import dev.accord.readmodel.NotReadableYet;
import dev.accord.readmodel.VersionNotRecorded;
import dev.accord.security.NotAuthenticated;
import dev.accord.security.NotPermitted;
import io.vertx.core.http.HttpServerRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The one place where failures become answers. Every answer is problem+json; none carries an
 * exception's class name or stack trace, whatever went wrong.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    ObjectMapper json;

    @Inject
    AllowedMethods allowedMethods;

    @ServerExceptionMapper
    public Response invalid(Rejection.Invalid e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.VALIDATION_FAILED, e.getMessage(), request.path()).withErrors(e.errors()));
    }

    @ServerExceptionMapper
    public Response conflict(Rejection.Conflict e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.CONFLICT, e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response notFound(Rejection.NotFound e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.NOT_FOUND, e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response versionMismatch(VersionMismatch e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.PRECONDITION_FAILED, e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response keyReused(IdempotencyKeyReused e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.VALIDATION_FAILED, e.getMessage(), request.path())
                .withErrors(List.of(new Rejection.FieldError("Idempotency-Key", e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response notParked(Projections.NotParked e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.NOT_FOUND, e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response stillParked(Projections.StillParked e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.CONFLICT, e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response unknownRebuild(Rebuilds.UnknownRebuild e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.NOT_FOUND, e.getMessage(), request.path()));
    }

    /** RFC 6750: the challenge names the scheme, and says when a token was sent but refused. */
    @ServerExceptionMapper
    public Response notAuthenticated(NotAuthenticated e, HttpServerRequest request) {
        return Response.fromResponse(answer(Problem.of(Problem.Kind.UNAUTHENTICATED, e.getMessage(), request.path())))
                .header("WWW-Authenticate", e.tokenPresented()
                        ? "Bearer realm=\"accord\", error=\"invalid_token\"" : "Bearer realm=\"accord\"")
                .build();
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermitted e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.FORBIDDEN, e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response badRequest(BadRequest e, HttpServerRequest request) {
        Problem problem = Problem.of(Problem.Kind.MALFORMED_REQUEST, e.getMessage(), request.path());
        return answer(e.field() == null ? problem
                : problem.withErrors(List.of(new Rejection.FieldError(e.field(), e.getMessage()))));
    }

    @ServerExceptionMapper
    public Response versionNotRecorded(VersionNotRecorded e, HttpServerRequest request) {
        return badRequest(new BadRequest("minVersion", e.getMessage()), request);
    }

    @ServerExceptionMapper
    public Response notReadableYet(NotReadableYet e, HttpServerRequest request) {
        return unavailable(new Unavailable(e.getMessage(), e.retryAfter()), request);
    }

    @ServerExceptionMapper
    public Response unknownFields(UnknownFields e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.VALIDATION_FAILED, e.getOriginalMessage(), request.path())
                .withErrors(e.fields().stream()
                        .map(field -> new Rejection.FieldError(field, "is not a field of this request")).toList()));
    }

    @ServerExceptionMapper
    public Response invalidUtf8(StrictJson.InvalidUtf8 e, HttpServerRequest request) {
        return answer(Problem.of(Problem.Kind.MALFORMED_REQUEST, e.getMessage(), request.path()));
    }

    @ServerExceptionMapper
    public Response unavailable(Unavailable e, HttpServerRequest request) {
        return Response.fromResponse(answer(Problem.of(Problem.Kind.UNAVAILABLE, e.getMessage(), request.path())))
                .header("Retry-After", Math.max(1, e.retryAfter().toSeconds()))
                .build();
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, HttpServerRequest request) {
        if (e instanceof UnknownFields unknown) {
            return unknownFields(unknown, request);
        }
        String detail = describe(e);
        Problem problem = Problem.of(Problem.Kind.MALFORMED_REQUEST, detail, request.path());
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            problem = problem.withErrors(List.of(new Rejection.FieldError(path(mapping), detail)));
        }
        return answer(problem);
    }

    // Quarkus ships mappers for these subtypes; naming them here makes ours the closest match.
    @ServerExceptionMapper
    public Response unreadableJson(JsonParseException e, HttpServerRequest request) {
        return unreadableJson((JsonProcessingException) e, request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonMappingException e, HttpServerRequest request) {
        return unreadableJson((JsonProcessingException) e, request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(MismatchedInputException e, HttpServerRequest request) {
        return unreadableJson((JsonProcessingException) e, request);
    }

    @ServerExceptionMapper
    public Response unreadableJson(InvalidFormatException e, HttpServerRequest request) {
        return unreadableJson((JsonProcessingException) e, request);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        JsonProcessingException jsonFailure = causeOfType(e, JsonProcessingException.class);
        if (jsonFailure != null) {
            return unreadableJson(jsonFailure, request);
        }
        int status = e.getResponse().getStatus();
        Problem.Kind kind = switch (status) {
            case 401 -> Problem.Kind.UNAUTHENTICATED;
            case 403 -> Problem.Kind.FORBIDDEN;
            case 404 -> Problem.Kind.NOT_FOUND;
            case 405 -> Problem.Kind.METHOD_NOT_ALLOWED;
            case 406 -> Problem.Kind.NOT_ACCEPTABLE;
            case 413 -> Problem.Kind.PAYLOAD_TOO_LARGE;
            case 415 -> Problem.Kind.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? Problem.Kind.INTERNAL_ERROR : Problem.Kind.MALFORMED_REQUEST;
        };
        String detail = switch (kind) {
            case NOT_FOUND -> "no resource at " + request.path();
            case METHOD_NOT_ALLOWED -> request.method() + " is not supported on " + request.path();
            case UNSUPPORTED_MEDIA_TYPE -> "send the body as application/json";
            case NOT_ACCEPTABLE -> StreamAccept.isStream(request.path())
                    ? "this stream answers text/event-stream, and its problems as application/problem+json"
                    : "this resource answers application/json, and its problems as application/problem+json";
            case MALFORMED_REQUEST -> "the request cannot be read";
            default -> kind.title;
        };
        // The framework's own status stands (a 401 stays a 401), described by the nearest kind.
        Response.ResponseBuilder answer = Response.fromResponse(answer(
                Problem.of(kind, detail, request.path()).withStatus(status)));
        if (status == 405) {
            String allow = e.getResponse().getHeaderString("Allow");
            answer.header("Allow", allow != null ? allow : allowedMethods.allow(request.path()));
        }
        return answer.build();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (isDependencyDown(e)) {
            LOG.warnf("A dependency is unavailable while answering %s %s: %s", request.method(), request.path(),
                    e.getMessage());
            return unavailable(new Unavailable("a dependency of Accord is unavailable; retry shortly",
                    Duration.ofSeconds(2)), request);
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure %s answering %s %s", reference, request.method(), request.path());
        return answer(Problem.of(Problem.Kind.INTERNAL_ERROR, "unexpected failure; reference " + reference,
                request.path()));
    }

    private Response answer(Problem problem) {
        try {
            return Response.status(problem.status())
                    .type(Problem.MEDIA_TYPE)
                    .entity(json.writeValueAsString(problem))
                    .build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a problem document", e);
        }
    }

    /** Says what is wrong with the JSON in terms of the request, not of Java types. */
    static String describe(JsonProcessingException e) {
        if (e instanceof JsonParseException) {
            return "malformed JSON: " + e.getOriginalMessage();
        }
        if (e instanceof StreamConstraintsException) {
            return "the JSON is too deeply nested or holds too long a value: " + e.getOriginalMessage();
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            String allowed = Arrays.stream(invalid.getTargetType().getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
            return "'" + invalid.getValue() + "' is not a known value of " + path(invalid) + "; expected one of "
                    + allowed;
        }
        if (e instanceof MismatchedInputException && e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Trailing token")) {
            return "the body has content after its JSON value";
        }
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return "the JSON does not fit the request at " + path(mapping);
        }
        return "the request body is not the JSON this operation expects";
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "the body" : path.toString();
    }

    /** PostgreSQL away or contended, or a broker or server that cannot be reached: worth a retry. */
    private static boolean isDependencyDown(Throwable e) {
        return PgErrors.isTransient(e);
    }

    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
