package dev.accord.initiative.domain;

import dev.accord.initiative.domain.Rejection.FieldError;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The input limits of SPEC §2, collected field by field so that one rejection lists every
 * mistake in a command rather than only the first.
 */
final class Validation {

    static final int MAX_ID_LENGTH = 128;
    static final int MAX_TEXT_LENGTH = 4000;
    static final int MAX_LIST_SIZE = 500;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    private final List<FieldError> errors = new ArrayList<>();

    Validation id(String field, String value) {
        if (value == null) {
            return fail(field, "is required");
        }
        if (!ID.matcher(value).matches()) {
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
        if (value.isBlank()) {
            return fail(field, "must not be blank");
        }
        if (value.codePointCount(0, value.length()) > MAX_TEXT_LENGTH) {
            return fail(field, "must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        return this;
    }

    /** A calendar date, or an instant with offset whose UTC date is taken; null when absent or invalid. */
    LocalDate optionalDate(String field, String value) {
        if (value == null) {
            return null;
        }
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException notADate) {
            try {
                return OffsetDateTime.parse(value).atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
            } catch (DateTimeParseException notAnInstant) {
                fail(field, "must be a date such as 2027-06-30 or an ISO-8601 instant with offset");
                return null;
            }
        }
    }

    Validation required(String field, Object value) {
        return value == null ? fail(field, "is required") : this;
    }

    /** A list of free-text entries: at most 500, each valid text, no repeats. */
    Validation textList(String field, Collection<String> values) {
        if (values == null) {
            return this;
        }
        if (values.size() > MAX_LIST_SIZE) {
            return fail(field, "must have at most " + MAX_LIST_SIZE + " entries");
        }
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (String value : values) {
            String entry = field + "[" + index++ + "]";
            text(entry, value);
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
