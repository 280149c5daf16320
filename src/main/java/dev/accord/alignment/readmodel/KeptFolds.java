package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.eventstore.StoredEvent;
import dev.accord.readmodel.ReadModel;
import dev.accord.readmodel.RowCache;

/**
 * The alignment folds a replica keeps alive between catch-ups, each beside the row it last gave,
 * so that the next catch-up starting from that very row (identity, not version) continues the fold
 * instead of copying the row into a new one: one event then costs the event, not the history.
 * <p>
 * They are kept in the replica's {@link RowCache}, with the initiative's rows and under the same
 * bound: a kept fold weighs what its row weighs, the events folded into it (it holds the same
 * facts, in working form), and goes with its initiative's row: without that very row it is of no
 * use. Forgotten, it costs the next catch-up a copy of the row, as after a restart.
 */
final class KeptFolds {

    /** The fold that gave the row last folded here, per initiative. */
    private static final RowCache.Part<Working> WORKING =
            new RowCache.Part<>("alignment fold", working -> working.row().version());

    private final RowCache memory;

    KeptFolds(RowCache memory) {
        this.memory = memory;
    }

    /**
     * A working copy that continues the fold which gave {@code row}, when that fold is still kept
     * and no other catch-up took it first; otherwise a copy made from {@code row}. The kept fold is
     * taken out of the {@link RowCache} before it changes and put back only with the row it gave, so a
     * catch-up that fails or is refused midway leaves nothing half-changed behind: the next one,
     * given the row the cache still holds, finds no fold kept for it and copies the row.
     */
    ReadModel.Folding<AlignmentFacts> folding(AlignmentFacts row) {
        return new ReadModel.Folding<>() {
            private AlignmentFold fold = row == null ? null : takeOver(row);
            /** What {@link #row()} last gave and kept; its fold is shared with the {@link RowCache} till taken back. */
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
        return memory.take(WORKING, row.initiativeId(), kept -> kept.row() == row)
                .map(Working::fold)
                .orElseGet(() -> AlignmentFold.resume(row));
    }

    /** Whether {@code kept} was still kept, and is now the caller's alone. */
    private boolean takeBack(Working kept) {
        return memory.take(WORKING, kept.row().initiativeId(), present -> present == kept).isPresent();
    }

    private void keepWorking(Working kept) {
        memory.keep(WORKING, kept.row().initiativeId(), kept);
    }
}
