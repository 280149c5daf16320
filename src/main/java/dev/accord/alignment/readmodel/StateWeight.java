package dev.accord.alignment.readmodel;

import dev.accord.alignment.domain.AlignmentState;

/**
 * What an alignment state kept in the replica's {@link dev.accord.readmodel.RowCache} weighs, in
 * its unit (an event folded): one per recommendation and one per participant, the two parts of a
 * state that grow with the history (a recommendation per open request, unmapped possibility,
 * overdue or unacknowledged commitment; a participant with their stages and stance), plus one for
 * the rest, which does not grow.
 * <p>
 * The state last evaluated and the state last seen published are often the same object, and each
 * weighs it in full: the bound then counts it twice, erring on the side of keeping less.
 */
final class StateWeight {

    private StateWeight() {
    }

    static long of(AlignmentState state) {
        return 1L + state.recommendations().size() + state.participants().size();
    }
}
