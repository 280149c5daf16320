package dev.accord.eventstore;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.datatype.jsr310.deser.InstantDeserializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads an {@link Instant} the way the codec writes it ({@code 2026-11-30T15:14:27.123456Z}:
 * four-digit year, seconds, up to nine fraction digits, {@code Z}) by hand, without a
 * {@code DateTimeFormatter}: parsing that way allocates a context and a field map per value and
 * was most of the cost of decoding an event. Anything else, a valid but unusual form or an
 * invalid one, goes to jsr310's own deserializer, so what is accepted and every error stay as
 * they were.
 */
final class CanonicalInstants extends StdScalarDeserializer<Instant> {

    private static final long SECONDS_PER_DAY = 86_400;
    private static final int[] NANOS_SCALE = {0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100,
            10, 1};

    private final JsonDeserializer<Instant> general = InstantDeserializer.INSTANT;

    CanonicalInstants() {
        super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        if (parser.hasToken(JsonToken.VALUE_STRING)) {
            Instant canonical = parse(parser.getTextCharacters(), parser.getTextOffset(), parser.getTextLength());
            if (canonical != null) {
                return canonical;
            }
        }
        return general.deserialize(parser, context);
    }

    /** The instant, or null when the text is not in the canonical form (or names no valid date-time). */
    static Instant parse(char[] text, int offset, int length) {
        if (length < 20 || length > 30 || text[offset + length - 1] != 'Z') {
            return null;
        }
        int at = offset;
        if (text[at + 4] != '-' || text[at + 7] != '-' || text[at + 10] != 'T' || text[at + 13] != ':'
                || text[at + 16] != ':') {
            return null;
        }
        int year = digits(text, at, 4);
        int month = digits(text, at + 5, 2);
        int day = digits(text, at + 8, 2);
        int hour = digits(text, at + 11, 2);
        int minute = digits(text, at + 14, 2);
        int second = digits(text, at + 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 28 && day > LocalDate.of(year, month, 1)
                .lengthOfMonth() || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) {
            return null;
        }
        int nanos = 0;
        int fraction = length - 21;
        if (fraction >= 0) {
            if (text[at + 19] != '.' || fraction == 0 || fraction > 9) {
                return null;
            }
            int value = digits(text, at + 20, fraction);
            if (value < 0) {
                return null;
            }
            nanos = value * NANOS_SCALE[fraction];
        } else if (length != 20) {
            return null;
        }
        long days = LocalDate.of(year, month, day).toEpochDay();
        return Instant.ofEpochSecond(days * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second, nanos);
    }

    /** The decimal value of {@code count} ASCII digits, or -1 when one is not a digit. */
    private static int digits(char[] text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
