package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.Commitments;
import dev.accord.alignment.domain.AlignmentState.Component;
import dev.accord.alignment.domain.AlignmentState.Components;
import dev.accord.alignment.domain.AlignmentState.Enrollment;
import dev.accord.alignment.domain.AlignmentState.StageCoverage;
import dev.accord.alignment.domain.AlignmentState.Units;

import java.math.BigInteger;
import java.util.List;

/**
 * The score (docs/alignment-model.md): five weighted components, each an exact ratio (none when it would be 0/0),
 * combined as round half up (100 · Σ w·value / Σ w) over the components that have a value.
 */
record Score(Weighted stageCoverage, Weighted enrollment, Weighted crossUnit, Weighted reliability,
             Weighted acknowledgement) {

    static final int STAGE_COVERAGE_WEIGHT = 35;
    static final int ENROLLMENT_WEIGHT = 20;
    static final int CROSS_UNIT_WEIGHT = 15;
    static final int RELIABILITY_WEIGHT = 15;
    static final int ACKNOWLEDGEMENT_WEIGHT = 15;

    static Score of(int n, List<StageCoverage> stages, Enrollment enrollment, Units units, Commitments commitments) {
        int engagements = stages.stream().mapToInt(StageCoverage::engaged).sum();
        int fulfilled = commitments.fulfilledOnTime() + commitments.fulfilledLate();
        int judged = fulfilled + commitments.overdue() + commitments.withdrawn();
        int pairs = units.pairs().size();
        return new Score(
                new Weighted(Ratio.of(engagements, 5L * n), STAGE_COVERAGE_WEIGHT),
                new Weighted(Ratio.of(enrollment.coCreated() + enrollment.owns(), n), ENROLLMENT_WEIGHT),
                new Weighted(Ratio.of(pairs - units.disconnected().size(), pairs), CROSS_UNIT_WEIGHT),
                new Weighted(Ratio.of(commitments.fulfilledOnTime(), judged), RELIABILITY_WEIGHT),
                new Weighted(Ratio.of(fulfilled - commitments.unacknowledged(), fulfilled), ACKNOWLEDGEMENT_WEIGHT));
    }

    Components components() {
        return new Components(stageCoverage.component(), enrollment.component(), crossUnit.component(),
                reliability.component(), acknowledgement.component());
    }

    /** The score in exact arithmetic; null when no component has a value. */
    Integer value() {
        List<Weighted> present = List.of(stageCoverage, enrollment, crossUnit, reliability, acknowledgement).stream()
                .filter(c -> c.ratio() != null).toList();
        if (present.isEmpty()) {
            return null;
        }
        // Σ (w_i · num_i / den_i) over the common denominator D = Π den_i.
        BigInteger denominator = BigInteger.ONE;
        for (Weighted c : present) {
            denominator = denominator.multiply(BigInteger.valueOf(c.ratio().denominator()));
        }
        BigInteger numerator = BigInteger.ZERO;
        long weights = 0;
        for (Weighted c : present) {
            numerator = numerator.add(BigInteger.valueOf(c.weightPercent())
                    .multiply(BigInteger.valueOf(c.ratio().numerator()))
                    .multiply(denominator.divide(BigInteger.valueOf(c.ratio().denominator()))));
            weights += c.weightPercent();
        }
        // score = floor(100·N / (D·W) + 1/2) = floor((200·N + D·W) / (2·D·W))
        BigInteger scaledWeights = denominator.multiply(BigInteger.valueOf(weights));
        return numerator.multiply(BigInteger.valueOf(200)).add(scaledWeights)
                .divide(scaledWeights.multiply(BigInteger.TWO)).intValueExact();
    }

    /** A non-negative ratio kept exact for the score; null when it would be 0/0. */
    record Ratio(long numerator, long denominator) {
        static Ratio of(long numerator, long denominator) {
            return denominator == 0 ? null : new Ratio(numerator, denominator);
        }
    }

    /** A component before it is rounded to a double: its exact ratio (null: no data) and weight in percent. */
    record Weighted(Ratio ratio, int weightPercent) {
        Component component() {
            return new Component(ratio == null ? null : (double) ratio.numerator() / ratio.denominator(),
                    weightPercent / 100.0);
        }
    }
}
