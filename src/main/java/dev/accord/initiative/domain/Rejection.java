package dev.accord.initiative.domain;

import java.util.List;

/**
 * A command the initiative refuses. The kinds differ in what the client did wrong, and the
 * HTTP edge maps each kind to one status code in one place.
 */
public abstract sealed class Rejection extends RuntimeException {

    private Rejection(String message) {
        super(message, null, false, false);
    }

    /** The command's content is invalid: which fields, and why. */
    public static final class Invalid extends Rejection {
        private final List<FieldError> errors;

        public Invalid(List<FieldError> errors) {
            super(errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                    : errors.size() + " fields are invalid");
            this.errors = List.copyOf(errors);
        }

        public Invalid(String field, String message) {
            this(List.of(new FieldError(field, message)));
        }

        public List<FieldError> errors() {
            return errors;
        }
    }

    /** The command is well formed but the initiative's current state does not allow it. */
    public static final class Conflict extends Rejection {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The initiative (or a resource in it) does not exist. */
    public static final class NotFound extends Rejection {
        public NotFound(String message) {
            super(message);
        }
    }

    public record FieldError(String field, String message) {
    }
}
