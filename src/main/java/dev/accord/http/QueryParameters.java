package dev.accord.http;

import dev.accord.initiative.domain.Bounds;
import dev.accord.initiative.domain.InitiativeStatus;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Query parameters shared by several reads, parsed once at the edge: a wrong value is a 400
 * naming the parameter (and the choices, where there are some), so nothing unreadable reaches
 * a read model or PostgreSQL.
 */
public final class QueryParameters {

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

    /** {@code ?unit=}: a unit's name, by the same rule as in a body; absent or empty means any. */
    public static Optional<String> unit(String value) {
        if (value == null || value.isEmpty()) {
            return Optional.empty();
        }
        Bounds.unitProblem(value).ifPresent(problem -> {
            throw new BadRequest("unit", "unit " + problem);
        });
        return Optional.of(value);
    }

    /** {@code ?asOf=}: an ISO-8601 instant with offset within the years 1900-9999; absent means now. */
    public static Optional<Instant> asOf(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeException e) {
            throw new BadRequest("asOf", "asOf must be an ISO-8601 timestamp with offset, such as 2027-03-31T17:00:00Z");
        }
        if (!Bounds.isWithinCalendar(instant)) {
            throw new BadRequest("asOf", "asOf " + Bounds.calendarRange());
        }
        return Optional.of(instant);
    }

    /** A whole number in [{@code min}, {@code max}], or {@code fallback} when absent. */
    public static int wholeNumber(String name, String value, int fallback, int min, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        int parsed;
        try {
            parsed = Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new BadRequest(name, name + " must be a whole number between " + min + " and " + max);
        }
        if (parsed < min || parsed > max) {
            throw new BadRequest(name, name + " must be between " + min + " and " + max);
        }
        return parsed;
    }
}
