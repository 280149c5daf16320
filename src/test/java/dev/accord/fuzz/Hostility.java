package dev.accord.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The ways the fuzz run breaks a valid request, each a named class of hostile input with the
 * answers Accord may give to it: {@link BodyBreakers} for what the JSON body says,
 * {@link EnvelopeBreakers} for the request line and headers. An empty set of answers means any
 * answer below 500 will do (the input is odd but allowed), and the stored text is then checked.
 */
final class Hostility {

    /**
     * One hostile request, what it is, and which statuses are right for it. {@code byTransport}:
     * the HTTP transport refuses it while decoding, before any of Accord's code runs, so a bare
     * status without a problem body is all it can get (README, "Limits").
     */
    record Attack(String kind, RawHttp.Request request, Set<Integer> expected, String field, boolean byTransport) {

        Attack(String kind, RawHttp.Request request, Set<Integer> expected, String field) {
            this(kind, request, expected, field, false);
        }
    }

    /**
     * A class of hostile input; answers empty when it cannot break this draft. A weight above 1
     * makes it drawn more often, for classes that only a few operations can carry.
     */
    record Breaker(String kind, int weight, Function<Draft, Optional<Attack>> breaks) {

        Breaker(String kind, Function<Draft, Optional<Attack>> breaks) {
            this(kind, 1, breaks);
        }
    }

    static final Set<Integer> ANY = Set.of();
    static final Set<Integer> MALFORMED = Set.of(400);
    static final Set<Integer> INVALID = Set.of(422);
    static final Set<Integer> REFUSED = Set.of(400, 422);

    static final List<String> FAR_INSTANTS = List.of(
            "+999999999-12-31T23:59:59-18:00", "-999999999-01-01T00:00:00+18:00", "0001-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "1899-12-31T23:59:59Z", "9999-12-31T23:59:59-18:00", "+10000-01-01T00:00:00Z");

    private final List<Breaker> breakers;

    Hostility(ApiOperations api, Draw draw) {
        List<Breaker> all = new ArrayList<>(new BodyBreakers(api, draw).all());
        all.addAll(new EnvelopeBreakers(draw).all());
        this.breakers = List.copyOf(all);
    }

    List<Breaker> all() {
        return breakers;
    }

    /** One breaker, drawn in proportion to its weight. */
    Breaker draw(Draw draw) {
        int ticket = draw.between(1, breakers.stream().mapToInt(Breaker::weight).sum());
        for (Breaker breaker : breakers) {
            ticket -= breaker.weight();
            if (ticket <= 0) {
                return breaker;
            }
        }
        throw new IllegalStateException("no breaker drawn");
    }

    static Attack attack(String kind, Draft draft, String target, byte[] body, Set<Integer> expected, String field) {
        return new Attack(kind, draft.toRequest(target, body), expected, field);
    }

    static byte[] replace(byte[] in, String marker, byte[] with) {
        String text = new String(in, StandardCharsets.ISO_8859_1);
        int at = text.indexOf(marker);
        return concat(slice(in, 0, at), with, slice(in, at + marker.length()));
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] in, int from) {
        return slice(in, from, in.length);
    }

    static byte[] slice(byte[] in, int from, int to) {
        byte[] out = new byte[to - from];
        System.arraycopy(in, from, out, 0, to - from);
        return out;
    }

    static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
