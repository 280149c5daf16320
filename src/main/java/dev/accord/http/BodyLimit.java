package dev.accord.http;

import io.vertx.core.http.HttpServerRequest;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a body over the limit (256 KiB) from its Content-Length, before any of it is read,
 * so that the client gets a 413 problem rather than the transport's bare 413.
 */
public class BodyLimit {

    @ConfigProperty(name = "accord.http.max-body-bytes", defaultValue = "262144")
    long maxBodyBytes;

    @ServerRequestFilter(preMatching = true)
    public void refuseLargeBodies(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return;
        }
        long bytes;
        try {
            bytes = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            throw new BadRequest("Content-Length is not a number");
        }
        if (bytes > maxBodyBytes) {
            throw new PayloadTooLarge("the body has " + bytes + " bytes; Accord accepts at most " + maxBodyBytes);
        }
    }
}
