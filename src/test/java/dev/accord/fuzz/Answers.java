package dev.accord.fuzz;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The rules every answer keeps, whatever was sent: never a 5xx, every error an RFC 9457
 * problem+json with type, title and the same status, and for a hostile input of a known class
 * the status decided for that class, naming the field at fault.
 */
final class Answers {

    private Answers() {
    }

    static List<String> broken(RawHttp.Response response, Set<Integer> expected, String field) {
        return broken(response, expected, field, false);
    }

    /** {@code byTransport}: refused before Accord runs, so only the status can be judged. */
    static List<String> broken(RawHttp.Response response, Set<Integer> expected, String field, boolean byTransport) {
        List<String> findings = new ArrayList<>();
        int status = response.status();
        if (status == 0) {
            findings.add("connection closed without an answer");
            return findings;
        }
        if (status >= 500) {
            findings.add("answered " + status);
        }
        if (byTransport) {
            if (!expected.contains(status)) {
                findings.add("answered " + status + ", expected " + expectedText(expected));
            }
            return findings;
        }
        if (status >= 400) {
            problemFindings(response).ifPresent(findings::add);
        }
        if (inconclusive(response, expected, field)) {
            return findings;
        }
        if (!expected.isEmpty() && !expected.contains(status) && status < 500) {
            findings.add("answered " + status + ", expected " + expectedText(expected));
        }
        if (field != null && expected.contains(status) && (status == 400 || status == 422)
                && !names(response, field)) {
            findings.add("answered " + status + " without naming " + field);
        }
        return findings;
    }

    /**
     * A field rule (422) may be judged after the state rules, so a 409, or a 422 about another
     * field of a request that was not fully valid, says nothing about the broken field.
     */
    private static boolean inconclusive(RawHttp.Response response, Set<Integer> expected, String field) {
        boolean fieldRule = expected.contains(422);
        return fieldRule && field != null && (response.status() == 409 || (response.status() == 422
                && !names(response, field)));
    }

    private static Optional<String> problemFindings(RawHttp.Response response) {
        String status = Integer.toString(response.status());
        if (response.body().length == 0) {
            return Optional.of(status + " with an empty body");
        }
        if (!response.contentType().startsWith("application/problem+json")) {
            return Optional.of(status + " as " + (response.contentType().isEmpty() ? "no content type"
                    : response.contentType()) + ", not problem+json");
        }
        JsonNode problem = parse(response);
        if (problem == null || !problem.isObject()) {
            return Optional.of(status + " problem+json that is not a JSON object");
        }
        if (!problem.path("type").isTextual() || !problem.path("title").isTextual()
                || problem.path("status").asInt() != response.status()) {
            return Optional.of(status + " problem without type, title or the same status");
        }
        return Optional.empty();
    }

    /** The field is named in {@code errors[].field} or, for a query or header, in the detail. */
    static boolean names(RawHttp.Response response, String field) {
        JsonNode problem = parse(response);
        if (problem == null) {
            return false;
        }
        for (JsonNode error : problem.path("errors")) {
            if (error.path("field").asText().toLowerCase(Locale.ROOT).contains(field.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return problem.path("detail").asText().toLowerCase(Locale.ROOT).contains(field.toLowerCase(Locale.ROOT));
    }

    static JsonNode parse(RawHttp.Response response) {
        try {
            return Draft.JSON.readTree(response.body());
        } catch (Exception e) {
            return null;
        }
    }

    private static String expectedText(Set<Integer> expected) {
        return String.join(" or ", expected.stream().sorted().map(String::valueOf).toList());
    }
}
