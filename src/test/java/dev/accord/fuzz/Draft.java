package dev.accord.fuzz;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request built from the contract, still as parts (path parameters, query, headers, JSON
 * body), so a hostile variant can change one part and keep the others valid.
 */
final class Draft {

    static final ObjectMapper JSON = new ObjectMapper();

    final ApiOperations.Operation operation;
    final World.Initiative initiative;
    final Map<String, String> path = new LinkedHashMap<>();
    final Map<String, String> query = new LinkedHashMap<>();
    final Map<String, String> headers = new LinkedHashMap<>();
    ObjectNode body;

    Draft(ApiOperations.Operation operation, World.Initiative initiative) {
        this.operation = operation;
        this.initiative = initiative;
    }

    Draft copy() {
        Draft copy = new Draft(operation, initiative);
        copy.path.putAll(path);
        copy.query.putAll(query);
        copy.headers.putAll(headers);
        copy.body = body == null ? null : body.deepCopy();
        return copy;
    }

    /** The path with its parameters percent-encoded, as a well-behaved client writes it. */
    String encodedPath() {
        String written = operation.path();
        for (Map.Entry<String, String> parameter : path.entrySet()) {
            written = written.replace("{" + parameter.getKey() + "}", encode(parameter.getValue()));
        }
        return written;
    }

    String encodedQuery() {
        List<String> pairs = new ArrayList<>();
        query.forEach((name, value) -> pairs.add(encode(name) + "=" + encode(value)));
        return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
    }

    String target() {
        return encodedPath() + encodedQuery();
    }

    byte[] bodyBytes() {
        try {
            return body == null ? null : JSON.writeValueAsBytes(body);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    RawHttp.Request toRequest() {
        return toRequest(target(), bodyBytes());
    }

    RawHttp.Request toRequest(String target, byte[] bodyBytes) {
        List<RawHttp.Header> written = new ArrayList<>();
        if (bodyBytes != null) {
            written.add(new RawHttp.Header("Content-Type", "application/json"));
        }
        headers.forEach((name, value) -> written.add(new RawHttp.Header(name, value)));
        return RawHttp.request(operation.method(), target, written, bodyBytes);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
