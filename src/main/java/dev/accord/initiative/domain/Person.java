package dev.accord.initiative.domain;

import java.util.regex.Pattern;

/** Someone taking part in an initiative, as the HR system knows them. */
public record Person(String personId, String displayName, String unit, String role) {

    /** Ids are 1-128 characters of A-Z a-z 0-9 . _ : @ - (person ids and every other id). */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@-]{1,128}");

    public static boolean isValidId(String value) {
        return value != null && ID.matcher(value).matches();
    }
}
