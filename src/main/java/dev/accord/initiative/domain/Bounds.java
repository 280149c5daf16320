package dev.accord.initiative.domain;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The bounds every value Accord keeps must stay within, so that nothing a command passes can
 * later fail the fold, the projection or PostgreSQL (which rejects NUL in text, and whose
 * timestamps and ISO-8601 writers stop at year 9999). The decider's {@link Validation} and
 * the HTTP edge's query parameters both judge by these, so a body and a query string cannot
 * disagree about what is valid.
 */
public final class Bounds {

    public static final int MAX_TEXT_LENGTH = 4000;
    /** A name (a person's, a role's) appears in every alignment document: kept short. */
    public static final int MAX_NAME_LENGTH = 200;
    public static final int MAX_UNIT_LENGTH = 100;
    public static final int MAX_LIST_SIZE = 500;
    public static final int MAX_MILESTONES = 100;

    /**
     * Units are paired with each other in the alignment document (n·(n−1)/2 pairs) and
     * participants each have an entry in it: these keep the document within a few megabytes.
     */
    public static final int MAX_UNITS = 50;
    public static final int MAX_PARTICIPANTS = 1000;

    public static final int FIRST_YEAR = 1900;
    public static final int LAST_YEAR = 9999;
    private static final Instant EARLIEST = LocalDate.of(FIRST_YEAR, 1, 1).atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    private static final Instant AFTER_LATEST = LocalDate.of(LAST_YEAR + 1, 1, 1).atStartOfDay()
            .toInstant(ZoneOffset.UTC);

    private Bounds() {
    }

    /** Whether the instant falls in the years 1900–9999 (in UTC, as Accord records it). */
    public static boolean isWithinCalendar(Instant instant) {
        return !instant.isBefore(EARLIEST) && instant.isBefore(AFTER_LATEST);
    }

    public static boolean isWithinCalendar(LocalDate date) {
        return date.getYear() >= FIRST_YEAR && date.getYear() <= LAST_YEAR;
    }

    public static String calendarRange() {
        return "must be within the years " + FIRST_YEAR + "-" + LAST_YEAR + " (UTC)";
    }

    /**
     * Reads an ISO-8601 instant with offset within the calendar's range, for a body field and a
     * query parameter alike; null after telling {@code problem} what is wrong with it.
     */
    public static Instant instant(String value, Consumer<String> problem) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            problem.accept("must be an ISO-8601 timestamp with offset, such as 2027-03-31T17:00:00Z");
            return null;
        }
        if (!isWithinCalendar(instant)) {
            problem.accept(calendarRange());
            return null;
        }
        return instant;
    }

    /**
     * What is wrong with the characters of a text, if anything: a C0 control character (tab and
     * newline are allowed in multi-line text) or half of a surrogate pair, which no encoding
     * can store and which would come back altered.
     */
    public static Optional<String> characterProblem(String value, boolean multiLine) {
        for (int index = 0; index < value.length(); index++) {
            char c = value.charAt(index);
            if (c < 0x20 && !(multiLine && (c == '\t' || c == '\n'))) {
                return Optional.of("must not contain the control character U+" + String.format("%04X", (int) c)
                        + (multiLine ? " (only tab and newline are allowed)" : ""));
            }
            if (Character.isHighSurrogate(c) && index + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(index + 1))) {
                index++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("must not contain an unpaired surrogate (U+" + String.format("%04X", (int) c) + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * What is wrong with a text, if anything: blank, longer than {@code maxLength} code points,
     * or holding a character {@link #characterProblem} refuses.
     */
    public static Optional<String> textProblem(String value, int maxLength, boolean multiLine) {
        if (value.isBlank()) {
            return Optional.of("must not be blank");
        }
        if (value.codePointCount(0, value.length()) > maxLength) {
            return Optional.of("must be at most " + maxLength + " characters");
        }
        return characterProblem(value, multiLine);
    }

    /** A unit's name: short, on one line. */
    public static Optional<String> unitProblem(String value) {
        return textProblem(value, MAX_UNIT_LENGTH, false);
    }
}
