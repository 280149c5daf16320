package dev.accord.embedded;

/**
 * An expected reason the embedded infrastructure cannot start (a port in use, a data directory
 * owned by another running Accord, a bad setting). The message is written for the person who
 * started Accord, so the launcher prints it as one line instead of a stack trace.
 */
public final class EmbeddedStartupException extends RuntimeException {

    /** What went wrong, so the launcher can say which setting to change. */
    public enum Reason {
        PORT_IN_USE,
        DATA_DIR_IN_USE,
        INVALID_SETTING,
        FAILED
    }

    private final Reason reason;

    public EmbeddedStartupException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public EmbeddedStartupException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** The innermost message, which is the one that says what actually happened. */
    static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
