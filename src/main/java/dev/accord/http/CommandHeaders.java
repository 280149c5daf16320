package dev.accord.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.initiative.application.CommandOptions;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.core.Context;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The headers every command understands: If-Match, Idempotency-Key, X-Correlation-Id. */
public class CommandHeaders {

    /** An entity tag, quoted or (leniently) bare, but never half-quoted. */
    private static final Pattern ENTITY_TAG = Pattern.compile("^\\s*(?:W/)?(?:\"(\\d{1,18})\"|(\\d{1,18}))\\s*$");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @HeaderParam("If-Match")
    String ifMatch;

    @HeaderParam("Idempotency-Key")
    String idempotencyKey;

    @HeaderParam("X-Correlation-Id")
    String correlationId;

    /** The parameters above read an empty header as absent; the request itself tells them apart. */
    @Context
    HttpServerRequest sent;

    /**
     * @param operation what the request is, e.g. {@code POST /api/v1/initiatives}
     * @param request   the parsed request body (or parameters): a retry must carry the same
     */
    public CommandOptions options(ObjectMapper json, String operation, Object request) {
        ifMatch = asSent("If-Match", ifMatch);
        idempotencyKey = asSent("Idempotency-Key", idempotencyKey);
        correlationId = asSent("X-Correlation-Id", correlationId);
        return new CommandOptions(expectedVersion(), idempotency(json, operation, request), correlationId());
    }

    private String asSent(String name, String parsed) {
        if (parsed != null || sent == null) {
            return parsed;
        }
        List<String> values = sent.headers().getAll(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }

    /**
     * An empty header is refused rather than taken as absent: a client that sends one meant to
     * send something, and treating it as absent would drop its precondition or key silently.
     */
    public String correlationId() {
        if (correlationId == null) {
            correlationId = UUID.randomUUID().toString();
        } else if (!TOKEN.matcher(correlationId).matches()) {
            throw new BadRequest("X-Correlation-Id", "X-Correlation-Id must be 1-255 visible ASCII characters");
        }
        return correlationId;
    }

    private OptionalLong expectedVersion() {
        if (ifMatch == null || ifMatch.strip().equals("*")) {
            return OptionalLong.empty();
        }
        Matcher matcher = ENTITY_TAG.matcher(ifMatch);
        if (!matcher.matches()) {
            throw new BadRequest("If-Match", "If-Match must be an entity tag such as \"3\" (the version from an ETag)");
        }
        return OptionalLong.of(Long.parseLong(matcher.group(1) != null ? matcher.group(1) : matcher.group(2)));
    }

    private Optional<CommandOptions.IdempotentRequest> idempotency(ObjectMapper json, String operation,
                                                                   Object request) {
        if (idempotencyKey == null) {
            return Optional.empty();
        }
        if (!TOKEN.matcher(idempotencyKey).matches()) {
            throw new BadRequest("Idempotency-Key", "Idempotency-Key must be 1-255 visible ASCII characters");
        }
        return Optional.of(new CommandOptions.IdempotentRequest(idempotencyKey, fingerprint(json, operation, request)));
    }

    /** Same operation and same JSON content (whitespace aside) give the same fingerprint. */
    private static String fingerprint(ObjectMapper json, String operation, Object request) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(operation.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) '\n');
            sha.update(json.writeValueAsBytes(request));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException("cannot fingerprint the request", e);
        }
    }
}
