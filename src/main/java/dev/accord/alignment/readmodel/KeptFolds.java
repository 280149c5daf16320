package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.eventstore.StoredEvent;
import dev.accord.readmodel.ReadModel;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * The alignment folds a replica keeps alive between catch-ups, each beside the row it last gave,
 * so that the next catch-up starting from that very row (identity, not version) continues the fold
 * instead of copying the row into a new one: one event then costs the event, not the history.
 */
final class KeptFolds {

    /**
     * How many initiatives' folds are kept; beyond that, or beyond {@code maxEvents} events folded
     * into them all (about: the count is not locked), it starts afresh (a catch-up without one
     * copies its row, as after a restart).
     */
    private static final int MAX_WORKING = 10_000;

    private final LongSupplier maxEvents;
    /** Per initiative, the fold that gave the row last folded here. */
    private final Map<UUID, Working> working = new ConcurrentHashMap<>();
    private final AtomicLong workingEvents = new AtomicLong();

    KeptFolds(LongSupplier maxEvents) {
        this.maxEvents = maxEvents;
    }

    /**
     * A working copy that continues the fold which gave {@code row}, when that fold is still kept
     * and no other catch-up took it first; otherwise a copy made from {@code row}. The kept fold is
     * taken out of {@link #working} before it changes and put back only with the row it gave, so a
     * catch-up that fails or is refused midway leaves nothing half-changed behind: the next one,
     * given the row the cache still holds, finds no fold kept for it and copies the row.
     */
    ReadModel.Folding<AlignmentFacts> folding(AlignmentFacts row) {
        return new ReadModel.Folding<>() {
            private AlignmentFold fold = row == null ? null : takeOver(row);
            /** What {@link #row()} last gave and kept; the fold is shared with {@link #working} until taken back. */
            private Working given;

            @Override
            public void apply(StoredEvent event) {
                if (given != null) {
                    // the fold is kept for the row given; take it back, or copy the row if another took it
                    fold = takeBack(given) ? given.fold() : AlignmentFold.resume(given.row());
                    given = null;
                }
                if (fold == null) {
                    fold = AlignmentFold.start(event.initiativeId());
                }
                fold.apply(event.event());
            }

            @Override
            public AlignmentFacts row() {
                if (given != null || fold == null) {
                    return given == null ? null : given.row();
                }
                given = new Working(fold.facts(), fold);
                keepWorking(given);
                return given.row();
            }
        };
    }

    /** A fold kept alive between catch-ups, and the row it last gave: it continues only from that very row. */
    private record Working(AlignmentFacts row, AlignmentFold fold) {
    }

    /** The kept fold of {@code row}'s initiative if it gave that row and nobody took it yet; else a copy of the row. */
    private AlignmentFold takeOver(AlignmentFacts row) {
        Working kept = working.get(row.initiativeId());
        if (kept != null && kept.row() == row && takeBack(kept)) {
            return kept.fold();
        }
        return AlignmentFold.resume(row);
    }

    /** Whether {@code kept} was still kept, and is now the caller's alone. */
    private boolean takeBack(Working kept) {
        if (working.remove(kept.row().initiativeId(), kept)) {
            workingEvents.addAndGet(-kept.row().version());
            return true;
        }
        return false;
    }

    private void keepWorking(Working kept) {
        long weight = kept.row().version();
        if (weight > maxEvents.getAsLong()) {
            return;
        }
        if (workingEvents.get() + weight > maxEvents.getAsLong()
                || working.size() >= MAX_WORKING && !working.containsKey(kept.row().initiativeId())) {
            working.clear();
            workingEvents.set(0);
        }
        Working replaced = working.put(kept.row().initiativeId(), kept);
        workingEvents.addAndGet(weight - (replaced == null ? 0 : replaced.row().version()));
    }
}
