package dev.accord.alignment.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The stages one person took part in, as a set of stage numbers held in the bits of an int: the
 * evaluation asks "did they engage at this stage?" for every participant in several sections,
 * and a bit test answers it without a map lookup or a boxed search in a list.
 */
record StageSet(int bits) {

    static final StageSet NONE = new StageSet(0);

    static StageSet of(List<Integer> stageNumbers) {
        int bits = 0;
        for (int number : stageNumbers) {
            bits |= bit(number);
        }
        return new StageSet(bits);
    }

    boolean contains(EnrollmentStage stage) {
        return (bits & bit(stage.number())) != 0;
    }

    boolean isEmpty() {
        return bits == 0;
    }

    /** The number of the furthest stage reached; only meaningful when not empty. */
    int highest() {
        return Integer.SIZE - 1 - Integer.numberOfLeadingZeros(bits);
    }

    /** The numbers of the stages before the furthest one reached that were skipped, in order. */
    List<Integer> skipped() {
        List<Integer> skipped = new ArrayList<>();
        for (EnrollmentStage stage : EnrollmentStage.values()) {
            if (stage.number() < highest() && !contains(stage)) {
                skipped.add(stage.number());
            }
        }
        return skipped;
    }

    private static int bit(int stageNumber) {
        return 1 << stageNumber;
    }
}
