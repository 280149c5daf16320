package dev.accord.readmodel;

import dev.accord.eventstore.StoredEvent;

/**
 * A read model could not take in an event, for a reason that would recur however often it were
 * tried (the fold refused the event, PostgreSQL refused the row). Failures that pass with time
 * (a lost connection, a lock timeout) are never wrapped in this.
 */
public final class ApplyFailed extends RuntimeException {

    private final transient StoredEvent event;

    public ApplyFailed(StoredEvent event, Throwable cause) {
        super(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(), cause);
        this.event = event;
    }

    /** The event being applied when it failed; null when the row could not even be read. */
    public StoredEvent event() {
        return event;
    }
}
