package dev.accord.faults;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * Accord's REST API as a plain HTTP client sees it, with nothing of the service's own code:
 * what goes over the wire is all the fault suite trusts.
 */
final class AccordHttp {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    private final URI base;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    AccordHttp(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    /** An answer; {@code body} is the JSON, or a missing node when the body was not JSON. */
    record Answer(int status, String contentType, JsonNode body, String text, long millis) {

        boolean accepted() {
            return status >= 200 && status < 300;
        }

        boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }
    }

    Answer post(String path, Object body) throws IOException {
        return post(path, body, Map.of());
    }

    Answer post(String path, Object body, Map<String, String> headers) throws IOException {
        HttpRequest.Builder request = request(path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(write(body)));
        headers.forEach(request::header);
        return send(request.build());
    }

    Answer get(String path) throws IOException {
        return send(request(path).GET().build());
    }

    /** The same, for scenario code that treats an unreachable service as a failed check. */
    Answer getOrFail(String path) {
        try {
            return get(path);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " got no answer", e);
        }
    }

    Answer postOrFail(String path, Object body) {
        try {
            return post(path, body);
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + path + " got no answer", e);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(REQUEST_TIMEOUT);
    }

    private Answer send(HttpRequest request) throws IOException {
        long started = System.nanoTime();
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        return new Answer(response.statusCode(), contentType, parse(response.body()), response.body(), millis);
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    static String write(Object body) {
        if (body instanceof String text) {
            return text;
        }
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
