package dev.accord.alignment.domain;

import dev.accord.initiative.domain.Stance;

/**
 * A person's stance across every possibility, best first: enrollment (co-created, owns) before
 * buy-in, concerns, refusal, silence — and NOT_REACHED for someone no possibility has named.
 */
public enum OverallStance {
    CO_CREATED,
    OWNS,
    BUYS_IN,
    HAS_CONCERNS,
    DECLINES,
    NO_RESPONSE,
    NOT_REACHED;

    static OverallStance of(Stance stance) {
        return valueOf(stance.name());
    }

    /** The better of two stances (a lower ordinal is better); null counts as not reached. */
    static OverallStance best(OverallStance a, OverallStance b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    boolean isEnrolled() {
        return this == CO_CREATED || this == OWNS;
    }
}
