package dev.accord.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.initiative.domain.Rejection;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Accord's own limits on the request line and the headers, answered with a 414 or 431 problem.
 * The HTTP transport refuses what is over its limits before any handler runs, with a status and
 * no body; its limits ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size})
 * are therefore set far above these, so that a request over Accord's limits reaches this handler
 * and is told what is wrong. Only a request over the transport's limits too gets its bare answer.
 * <p>
 * A request target the router cannot decode (a stray {@code %}, say) fails with a 400 that no
 * resource saw; it is answered here as a problem too. For it to reach the router at all, the
 * transport's own target check (which answers a bare 400) is switched off by the launcher
 * ({@code vertx.disableURIValidation}); the router's decoding refuses what that check would have.
 * Query parameters must be percent-encoded UTF-8: one that is not is a 400 naming it, rather than
 * text quietly changed by a lenient decoder.
 */
@ApplicationScoped
public class RequestHeadLimits {

    /** Before the body limit (order -3) and everything else. */
    private static final int ORDER = -4;
    /** "GET " … " HTTP/1.1": the request line's parts besides the target. */
    private static final int LINE_OVERHEAD = 16;

    @ConfigProperty(name = "accord.http.max-request-line", defaultValue = "64K")
    MemorySize maxRequestLine;

    @ConfigProperty(name = "accord.http.max-header-size", defaultValue = "20K")
    MemorySize maxHeaderSize;

    void install(@Observes Router router, ObjectMapper json) {
        long lineLimit = maxRequestLine.asLongValue();
        long headerLimit = maxHeaderSize.asLongValue();
        router.route().order(ORDER).handler(context -> {
            HttpServerRequest request = context.request();
            long line = (long) request.uri().length() + LINE_OVERHEAD;
            if (line > lineLimit) {
                BodyLimit.refuse(context, json, Problem.of(Problem.Kind.URI_TOO_LONG, "the request line has about "
                        + line + " characters; Accord reads at most " + lineLimit, request.path()));
                return;
            }
            long headers = 0;
            for (Map.Entry<String, String> header : request.headers()) {
                headers += header.getKey().length() + header.getValue().length() + 4;
            }
            if (headers > headerLimit) {
                BodyLimit.refuse(context, json, Problem.of(Problem.Kind.HEADERS_TOO_LARGE, "the headers have "
                        + headers + " bytes; Accord reads at most " + headerLimit, null));
                return;
            }
            String unreadable = unreadableParameter(request.query());
            if (unreadable != null) {
                String message = "is not percent-encoded UTF-8";
                BodyLimit.refuse(context, json, Problem.of(Problem.Kind.MALFORMED_REQUEST, unreadable + " " + message,
                        request.path()).withErrors(List.of(new Rejection.FieldError(unreadable, message))));
                return;
            }
            context.next();
        });
        router.errorHandler(400, context -> {
            if (!context.response().ended()) {
                BodyLimit.refuse(context, json, Problem.of(Problem.Kind.MALFORMED_REQUEST,
                        "the request target cannot be read", null));
            }
        });
    }

    /**
     * The first query parameter whose name or value does not decode to UTF-8 (a stray {@code %},
     * an overlong or truncated sequence): decoding it leniently, as the framework does, would
     * silently store a replacement character or another character than the one sent.
     */
    static String unreadableParameter(String query) {
        if (query == null || query.isEmpty()) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            if (!decodes(name) || !decodes(value)) {
                return decodes(name) ? URLDecoder.decode(name, StandardCharsets.UTF_8) : "query";
            }
        }
        return null;
    }

    private static boolean decodes(String encoded) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            if (c == '%') {
                if (i + 2 >= encoded.length()) {
                    return false;
                }
                int high = Character.digit(encoded.charAt(i + 1), 16);
                int low = Character.digit(encoded.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
