package dev.accord.http;

import dev.accord.initiative.domain.InitiativeStatus;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** Query parameters shared by several reads, parsed once: a wrong value is a 400 naming the choices. */
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
            return Optional.of(Enum.valueOf(choices, value.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            throw new BadRequest("'" + value + "' is not a known " + name + "; expected one of "
                    + Arrays.stream(choices.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
