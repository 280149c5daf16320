package dev.accord.alignment.domain;

import java.util.EnumMap;
import java.util.Map;

/**
 * One person's stance towards each possibility, counted by stance, so that their overall stance
 * (the best of them, {@link OverallStance}) follows each response as the fold takes it, instead of
 * being found again over every possibility at each evaluation. A later response can make it worse
 * (OWNS, then HAS_CONCERNS), which is why the counts are kept and not only the best.
 */
final class StanceTally {

    private final Map<OverallStance, Integer> possibilitiesByStance = new EnumMap<>(OverallStance.class);

    /** Their stance towards one more possibility, or towards one whose stance changed from {@code before}. */
    void moved(OverallStance before, OverallStance after) {
        if (before != null) {
            possibilitiesByStance.computeIfPresent(before, (stance, count) -> count == 1 ? null : count - 1);
        }
        possibilitiesByStance.merge(after, 1, Integer::sum);
    }

    /** The best of their stances; NOT_REACHED while no possibility named them. */
    OverallStance overall() {
        // an EnumMap iterates in declaration order, best first
        return possibilitiesByStance.isEmpty() ? OverallStance.NOT_REACHED
                : possibilitiesByStance.keySet().iterator().next();
    }
}
