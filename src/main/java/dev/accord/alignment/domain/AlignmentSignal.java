package dev.accord.alignment.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A change of an initiative's alignment worth acting on, found by {@link AlignmentSignals} between
 * the state last published and the new one. Each names its initiative; the fields are
 * its wire form.
 */
public sealed interface AlignmentSignal {

    UUID initiativeId();

    /** The person is engaged at a stage (1..5) they were not engaged at in the last published state. */
    record StageReached(UUID initiativeId, String personId, int stage) implements AlignmentSignal {
    }

    /** A gap opened, or widened: the person reached a stage with stages missing that were not missing before. */
    record StageSkipped(UUID initiativeId, String personId, int reachedStage, List<Integer> missingStages)
            implements AlignmentSignal {
        public StageSkipped {
            missingStages = List.copyOf(missingStages);
        }
    }

    /** Two units (sorted) of the active participants are now a pair with no relationship. */
    record UnitsDisconnected(UUID initiativeId, List<String> units) implements AlignmentSignal {
        public UnitsDisconnected {
            units = List.copyOf(units);
        }
    }

    /** A disconnected pair of units (sorted) now has a relationship. */
    record UnitsConnected(UUID initiativeId, List<String> units) implements AlignmentSignal {
        public UnitsConnected {
            units = List.copyOf(units);
        }
    }

    /** A unit declared at launch has no active participant any more (or had none from the start). */
    record UnitUnrepresented(UUID initiativeId, String unit) implements AlignmentSignal {
    }

    /** An unrepresented unit has an active participant again. */
    record UnitRepresented(UUID initiativeId, String unit) implements AlignmentSignal {
    }

    /** The band moved; {@code from} is null at the initiative's first published state. */
    record BandChanged(UUID initiativeId, Band from, Band to, Integer score) implements AlignmentSignal {
    }

    /** A conversation to begin appeared among the recommendations (by its {@link AlignmentSignals#keyOf key}). */
    record RecommendationOpened(UUID initiativeId, Recommendation recommendation) implements AlignmentSignal {
    }

    /** A recommendation left the list: the conversation happened, or is no longer needed. As it last was. */
    record RecommendationClosed(UUID initiativeId, Recommendation recommendation) implements AlignmentSignal {
    }

    /** An open commitment's due date passed with nothing recorded. */
    record CommitmentOverdue(UUID initiativeId, String commitmentId, String personId, Instant dueBy)
            implements AlignmentSignal {
    }
}
