package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.StageCoverage;

import java.util.List;

/**
 * The headline answer to "which stage is missing, and what conversation should we begin now?"
 * (docs/alignment-model.md, "Focus"). Stages must not be skipped, so the earliest weak stage
 * comes first: the first stage, 1 to 5, whose coverage is below {@link #WEAK_BELOW}; if none
 * is, the first stage that has recommendations; if none has, no stage at all.
 *
 * @param stage         the stage to begin with, or null when every stage is strong and no
 *                      conversation waits
 * @param coverage      that stage's coverage, or null with no stage
 * @param conversations that stage's recommendations: the same items, in the same order
 * @param headline      one plain sentence saying where to begin and why, in the state's numbers
 */
public record Focus(EnrollmentStage stage, Double coverage, List<Recommendation> conversations, String headline) {

    /** A stage reaching fewer than this share of the participants is weak. */
    public static final double WEAK_BELOW = 0.80;

    /** The focus of an evaluated state, from its stage coverages (in stage order) and recommendations. */
    public static Focus of(List<StageCoverage> stages, List<Recommendation> recommendations) {
        StageCoverage chosen = stages.stream().filter(stage -> stage.coverage() < WEAK_BELOW).findFirst()
                .orElseGet(() -> stages.stream()
                        .filter(stage -> recommendations.stream().anyMatch(item -> item.stage() == stage.stage()))
                        .findFirst().orElse(null));
        if (chosen == null) {
            return new Focus(null, null, List.of(), FocusHeadline.NOTHING_WAITING);
        }
        List<Recommendation> conversations = recommendations.stream()
                .filter(item -> item.stage() == chosen.stage()).toList();
        return new Focus(chosen.stage(), chosen.coverage(), conversations, FocusHeadline.of(chosen, conversations));
    }
}
