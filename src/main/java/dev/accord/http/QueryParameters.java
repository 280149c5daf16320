package dev.accord.http;

import dev.accord.initiative.domain.Bounds;
import dev.accord.initiative.domain.InitiativeStatus;

import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Query parameters shared by several reads, parsed once at the edge: a wrong value is a 400
 * naming the parameter (and the choices, where there are some), so nothing unreadable reaches
 * a read model or PostgreSQL.
 */
public final class QueryParameters {

    private static final Pattern ASCII_DIGITS = Pattern.compile("-?[0-9]{1,30}");
    private static final Pattern OFFSET_WITHOUT_COLON = Pattern.compile(
            "([0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.,]+)([+\\- ])([0-9]{2}):?([0-9]{2})?");

    private QueryParameters() {
    }

    /** {@code ?status=}: ACTIVE or COMPLETED, in any case; absent or blank means any. */
    public static Optional<InitiativeStatus> status(String value) {
        return choice("status", value, InitiativeStatus.class);
    }

    public static <E extends Enum<E>> Optional<E> choice(String name, String value, Class<E> choices) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(choices, value.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new BadRequest(name, "'" + value + "' is not a known " + name + "; expected one of "
                    + Arrays.stream(choices.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /**
     * {@code ?unit=}: a unit's name, by the same rule as in a body; absent or empty means any. A
     * replacement character stands for bytes that were not UTF-8: no unit is named so.
     */
    public static Optional<String> unit(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        if (value.indexOf('\uFFFD') >= 0) {
            throw new BadRequest("unit", "unit must be percent-encoded UTF-8");
        }
        Bounds.unitProblem(value).ifPresent(problem -> {
            throw new BadRequest("unit", "unit " + problem);
        });
        return Optional.of(value);
    }

    /** {@code ?minVersion=}: a version to wait for, zero or more; absent means do not wait. */
    public static Long minVersion(String value) {
        return version("minVersion", value);
    }

    /** A version a client names (a query parameter or a header such as Last-Event-ID): zero or more. */
    public static Long version(String name, String value) {
        return value == null ? null : wholeNumber(name, value, 0, Long.MAX_VALUE);
    }

    /**
     * {@code ?asOf=}: an ISO-8601 instant with offset within the years 1900-9999; absent means now.
     * The offset may also be written without a colon ({@code +0000}) or as hours only
     * ({@code +00}), as Python's and Java's default formatters write it; a space where the
     * offset's {@code +} belongs is read as one, since an unencoded {@code +} in a query string
     * arrives as a space.
     */
    public static Optional<Instant> asOf(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Bounds.instant(withColonOffset(value.strip()), problem -> {
            throw new BadRequest("asOf", "asOf " + problem);
        }));
    }

    /** {@code …T09:00:00+0000} and {@code …+00} as {@code …+00:00}; anything else as it is. */
    static String withColonOffset(String value) {
        Matcher offset = OFFSET_WITHOUT_COLON.matcher(value);
        if (!offset.matches()) {
            return value;
        }
        String sign = offset.group(2).equals(" ") ? "+" : offset.group(2);
        return offset.group(1) + sign + offset.group(3) + ":" + (offset.group(4) == null ? "00" : offset.group(4));
    }

    /** A whole number in [{@code min}, {@code max}], or {@code fallback} when absent or empty. */
    public static int wholeNumber(String name, String value, int fallback, int min, int max) {
        return value == null || value.isEmpty() ? fallback : (int) wholeNumber(name, value, min, max);
    }

    /** Plain ASCII digits only: Java would also read " 1", "+1" and digits of other scripts. */
    private static long wholeNumber(String name, String value, long min, long max) {
        BadRequest outOfRange = new BadRequest(name, name + " must be a whole number from " + min + " to " + max);
        if (!ASCII_DIGITS.matcher(value).matches()) {
            throw outOfRange;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException beyondLong) {
            throw outOfRange;
        }
        if (parsed < min || parsed > max) {
            throw outOfRange;
        }
        return parsed;
    }
}
