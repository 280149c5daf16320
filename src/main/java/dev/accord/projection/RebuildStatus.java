package dev.accord.projection;

import java.time.Instant;

/**
 * How far a rebuild has come. {@code scope} is {@code ALL} or the one initiative's id;
 * {@code finishedAt} and {@code error} are null while it runs (and {@code error} when it did not fail).
 */
public record RebuildStatus(String rebuildId, String scope, State state, int initiativesTotal, int initiativesDone,
                            long eventsApplied, Instant startedAt, Instant finishedAt, String error) {

    public enum State { RUNNING, DONE, FAILED }

    RebuildStatus progressed(int initiatives, long events) {
        return new RebuildStatus(rebuildId, scope, state, initiativesTotal, initiativesDone + initiatives,
                eventsApplied + events, startedAt, finishedAt, error);
    }

    RebuildStatus counting(int total) {
        return new RebuildStatus(rebuildId, scope, state, total, initiativesDone, eventsApplied, startedAt,
                finishedAt, error);
    }

    RebuildStatus finished(Instant at, String failure) {
        return new RebuildStatus(rebuildId, scope, failure == null ? State.DONE : State.FAILED, initiativesTotal,
                initiativesDone, eventsApplied, startedAt, at, failure);
    }
}
