package dev.accord.initiative.domain;

import dev.accord.initiative.domain.Rejection.FieldError;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The input limits of docs/api-guide.md ("Requests") and {@link Bounds}, collected field by field so that one
 * rejection lists every mistake in a command rather than only the first.
 */
final class Validation {

    static final int MAX_ID_LENGTH = 128;

    private final List<FieldError> errors = new ArrayList<>();

    Validation id(String field, String value) {
        if (value == null) {
            return fail(field, "is required");
        }
        if (!Person.isValidId(value)) {
            return fail(field, "must be 1-" + MAX_ID_LENGTH + " characters of A-Z a-z 0-9 . _ : @ -");
        }
        return this;
    }

    Validation text(String field, String value) {
        if (value == null) {
            return fail(field, "is required");
        }
        return optionalText(field, value);
    }

    Validation optionalText(String field, String value) {
        if (value == null) {
            return this;
        }
        Bounds.textProblem(value, Bounds.MAX_TEXT_LENGTH, true).ifPresent(problem -> fail(field, problem));
        return this;
    }

    /** A name (of a person, of a role): short, on one line. */
    Validation name(String field, String value) {
        if (value == null) {
            return fail(field, "is required");
        }
        Bounds.textProblem(value, Bounds.MAX_NAME_LENGTH, false).ifPresent(problem -> fail(field, problem));
        return this;
    }

    Validation unit(String field, String value) {
        if (value == null) {
            return fail(field, "is required");
        }
        return optionalUnit(field, value);
    }

    Validation optionalUnit(String field, String value) {
        if (value != null) {
            Bounds.unitProblem(value).ifPresent(problem -> fail(field, problem));
        }
        return this;
    }

    /** A calendar date, or an instant with offset whose UTC date is taken; null when absent or invalid. */
    LocalDate optionalDate(String field, String value) {
        if (value == null) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value);
        } catch (DateTimeException notADate) {
            try {
                date = OffsetDateTime.parse(value).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeException notAnInstant) {
                fail(field, "must be a date such as 2027-06-30 or an ISO-8601 instant with offset");
                return null;
            }
        }
        if (!Bounds.isWithinCalendar(date)) {
            fail(field, Bounds.calendarRange());
            return null;
        }
        return date;
    }

    /**
     * When the conversation happened: a timestamp with offset, defaulting to {@code now}, never
     * after it nor before the initiative's launch. Answers null when the value is unreadable:
     * due dates cannot be judged against it.
     */
    Instant occurredAt(String value, Instant now, Initiative state) {
        return notBefore(past("occurredAt", value, now), state.launchedAt(), "the initiative's launch");
    }

    /** A timestamp with offset, defaulting to {@code now}, never after it; null when unreadable. */
    Instant past(String field, String value, Instant now) {
        if (value == null) {
            return now;
        }
        Instant instant = timestamp(field, value);
        if (instant != null && instant.isAfter(now)) {
            fail(field, "must not be in the future (it is now " + now + ")");
        }
        return instant;
    }

    /**
     * A conversation about something cannot have happened before it: a response before its
     * possibility, a promise before its request, a fulfilment before its commitment.
     */
    Instant notBefore(Instant occurredAt, Instant earliest, String what) {
        if (occurredAt != null && earliest != null && occurredAt.isBefore(earliest)) {
            fail("occurredAt", "must not be before " + what + " (" + earliest + ")");
        }
        return occurredAt;
    }

    /** A required due date: a timestamp with offset, not before the conversation that set it. */
    Instant dueBy(String field, String value, Instant occurredAt) {
        if (value == null) {
            fail(field, "is required");
            return null;
        }
        return optionalDueBy(field, value, occurredAt);
    }

    Instant optionalDueBy(String field, String value, Instant occurredAt) {
        if (value == null) {
            return null;
        }
        Instant dueBy = timestamp(field, value);
        if (dueBy != null && occurredAt != null && dueBy.isBefore(occurredAt)) {
            fail(field, "must not be before occurredAt (" + occurredAt + ")");
        }
        return dueBy;
    }

    /** An ISO-8601 timestamp with offset, answered in UTC; null (and a failure) otherwise. */
    private Instant timestamp(String field, String value) {
        return Bounds.instant(value, problem -> fail(field, problem));
    }

    /** A person named in an event must be an active participant of the initiative. */
    Validation participant(String field, String personId, Initiative state) {
        int before = errors.size();
        id(field, personId);
        if (errors.size() == before && !state.isActiveParticipant(personId)) {
            fail(field, personId + " is not an active participant");
        }
        return this;
    }

    /** A list of distinct active participants with at least {@code minimum} entries. */
    Validation participants(String field, List<String> personIds, Initiative state, int minimum) {
        if (personIds == null) {
            return minimum > 0 ? fail(field, "is required") : this;
        }
        if (personIds.size() > Bounds.MAX_LIST_SIZE) {
            return fail(field, "must have at most " + Bounds.MAX_LIST_SIZE + " entries");
        }
        Set<String> seen = new HashSet<>();
        for (int index = 0; index < personIds.size(); index++) {
            String personId = personIds.get(index);
            String entry = field + "[" + index + "]";
            if (personId != null && !seen.add(personId)) {
                fail(entry, "repeats '" + personId + "'");
            } else {
                participant(entry, personId, state);
            }
        }
        if (seen.size() < minimum) {
            fail(field, minimum == 1 ? "must name at least one person"
                    : "must name at least " + minimum + " different people");
        }
        return this;
    }

    /** A required id naming something that must exist in the initiative. */
    Validation reference(String field, String id, Predicate<String> exists, String what) {
        if (id == null) {
            return fail(field, "is required");
        }
        return optionalReference(field, id, exists, what);
    }

    Validation optionalReference(String field, String id, Predicate<String> exists, String what) {
        if (id == null) {
            return this;
        }
        int before = errors.size();
        id(field, id);
        if (errors.size() == before && !exists.test(id)) {
            fail(field, "no " + what + " '" + id + "' in this initiative");
        }
        return this;
    }

    boolean isValid() {
        return errors.isEmpty();
    }

    Validation required(String field, Object value) {
        return value == null ? fail(field, "is required") : this;
    }

    /** A list of unit names: at most {@link Bounds#MAX_UNITS}, each a valid unit, no repeats. */
    Validation unitList(String field, Collection<String> values) {
        if (values == null) {
            return this;
        }
        if (values.size() > Bounds.MAX_UNITS) {
            return fail(field, "must have at most " + Bounds.MAX_UNITS + " entries");
        }
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (String value : values) {
            String entry = field + "[" + index++ + "]";
            unit(entry, value);
            if (value != null && !seen.add(value)) {
                fail(entry, "repeats '" + value + "'");
            }
        }
        return this;
    }

    Validation fail(String field, String message) {
        errors.add(new FieldError(field, message));
        return this;
    }

    void throwIfInvalid() {
        if (!errors.isEmpty()) {
            throw new Rejection.Invalid(errors);
        }
    }
}
