package dev.accord.config;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.ContextualSerializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Writes an {@link Instant} as {@link Instant#toString()} does ({@code 2026-11-30T15:14:27.123456Z}:
 * four-digit year, seconds, then 3, 6 or 9 fraction digits when there is a fraction, {@code Z}),
 * by hand rather than through {@code DateTimeFormatter.ISO_INSTANT}, which builds a date-time, a
 * parse-style context and a {@code StringBuilder} per value: that was 40 % of writing an
 * initiative's details document in a rebuild's profile. The same text, character for character.
 * <p>
 * Only the plain case is written here: a property with a {@code @JsonFormat} of its own, instants
 * written as timestamps ({@link SerializationFeature#WRITE_DATES_AS_TIMESTAMPS}), and years before
 * 1 or after 9999 are left to jsr310's {@link InstantSerializer}, as before.
 */
final class CanonicalInstantWriter extends StdSerializer<Instant> implements ContextualSerializer {

    /** 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: the years written with four digits and no sign. */
    private static final long FIRST = -62_135_596_800L;
    private static final long LAST = 253_402_300_799L;
    private static final long SECONDS_PER_DAY = 86_400;
    private static final int LONGEST = 30;

    private final JsonSerializer<Instant> general;

    CanonicalInstantWriter() {
        this(InstantSerializer.INSTANCE);
    }

    private CanonicalInstantWriter(JsonSerializer<Instant> general) {
        super(Instant.class);
        this.general = general;
    }

    @Override
    @SuppressWarnings("unchecked")
    public JsonSerializer<?> createContextual(SerializerProvider provider, BeanProperty property)
            throws JsonMappingException {
        JsonSerializer<Instant> contextual = (JsonSerializer<Instant>) InstantSerializer.INSTANCE
                .createContextual(provider, property);
        JsonFormat.Value format = findFormatOverrides(provider, property, Instant.class);
        boolean plain = format == null || format.equals(JsonFormat.Value.empty());
        return plain ? new CanonicalInstantWriter(contextual) : contextual;
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider) throws IOException {
        long seconds = value.getEpochSecond();
        if (seconds < FIRST || seconds > LAST || provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
            general.serialize(value, generator, provider);
            return;
        }
        char[] text = new char[LONGEST];
        int length = write(seconds, value.getNano(), text);
        generator.writeString(text, 0, length);
    }

    @Override
    public void serializeWithType(Instant value, JsonGenerator generator, SerializerProvider provider,
                                  TypeSerializer types) throws IOException {
        general.serializeWithType(value, generator, provider, types);
    }

    /** Writes the instant into {@code text} (room for 30 characters) and answers how many it took. */
    static int write(long epochSecond, int nanos, char[] text) {
        long days = Math.floorDiv(epochSecond, SECONDS_PER_DAY);
        int secondOfDay = (int) Math.floorMod(epochSecond, SECONDS_PER_DAY);
        LocalDate date = LocalDate.ofEpochDay(days);
        digits(text, 0, date.getYear(), 4);
        text[4] = '-';
        digits(text, 5, date.getMonthValue(), 2);
        text[7] = '-';
        digits(text, 8, date.getDayOfMonth(), 2);
        text[10] = 'T';
        digits(text, 11, secondOfDay / 3600, 2);
        text[13] = ':';
        digits(text, 14, secondOfDay / 60 % 60, 2);
        text[16] = ':';
        digits(text, 17, secondOfDay % 60, 2);
        int at = 19;
        if (nanos > 0) {
            text[at++] = '.';
            if (nanos % 1_000_000 == 0) {
                digits(text, at, nanos / 1_000_000, 3);
                at += 3;
            } else if (nanos % 1_000 == 0) {
                digits(text, at, nanos / 1_000, 6);
                at += 6;
            } else {
                digits(text, at, nanos, 9);
                at += 9;
            }
        }
        text[at++] = 'Z';
        return at;
    }

    /** {@code value} as exactly {@code count} decimal digits, zero-padded, at {@code from}. */
    private static void digits(char[] text, int from, int value, int count) {
        for (int i = from + count - 1; i >= from; i--) {
            text[i] = (char) ('0' + value % 10);
            value /= 10;
        }
    }
}
