package dev.accord.alignment.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * score = round half up (100 · Σ w·value / Σ w) over the non-null components; ALIGNED ≥ 80,
 * PARTIAL ≥ 50, MISALIGNED below. Each history here is built so that its exact score sits on
 * an edge: a half, or a threshold.
 */
class ScoreAndBandTest {

    @Test
    void a_score_of_exactly_89_5_over_all_five_components_rounds_up_to_90() {
        // S (exec) and A (sales) meet, co-create p1; A commits, fulfils on time, S acknowledges.
        AlignmentState state = launch("S", "exec", "exec", "sales")
                .join("A", "sales")
                .relationship("S", "A")
                .share("p1", "S", List.of(), List.of("A"))
                .commit("c1", "A", day(5))
                .fulfil("c1", day(4))
                .on(day(4)).acknowledge("S", "A", "c1")
                .at(day(10));
        // coverage (1 + 1 + 0 + .5 + 1) / 5 = .7; enrollment 1; crossUnit 1; reliability 1; acknowledgement 1
        assertEquals(0.7, state.components().stageCoverage().value(), 1e-12);
        assertEquals(1.0, state.components().enrollment().value());
        assertEquals(1.0, state.components().crossUnit().value());
        assertEquals(1.0, state.components().reliability().value());
        assertEquals(1.0, state.components().acknowledgement().value());
        // 100 · (.35·.7 + .20 + .15 + .15 + .15) = 24.5 + 65 = 89.5
        assertEquals(90, state.score());
        assertEquals(Band.ALIGNED, state.band());
    }

    @Test
    void a_score_of_exactly_12_5_over_two_components_rounds_up_to_13() {
        // Eight people in ops: S shares p1 with nobody; A–B and C–D meet.
        AlignmentState state = launch("S", "ops", "ops")
                .join("A", "ops").join("B", "ops").join("C", "ops").join("D", "ops")
                .join("E", "ops").join("F", "ops").join("G", "ops")
                .share("p1", "S", List.of(), List.of())
                .relationship("A", "B")
                .relationship("C", "D")
                .at(DAY_0);
        // coverage (4/8 + 1/8) / 5 = .125; enrollment 1/8 = .125; the rest null
        assertEquals(0.125, state.components().stageCoverage().value(), 1e-12);
        assertEquals(0.125, state.components().enrollment().value(), 1e-12);
        assertNull(state.components().crossUnit().value());
        // 100 · (.35·.125 + .20·.125) / .55 = 12.5
        assertEquals(13, state.score());
        assertEquals(Band.MISALIGNED, state.band());
    }

    @Test
    void a_score_of_exactly_80_is_aligned() {
        // S (exec) and A (sales) meet, co-create p1 and map it together; no commitments yet.
        AlignmentState state = launch("S", "exec", "exec", "sales")
                .join("A", "sales")
                .relationship("S", "A")
                .share("p1", "S", List.of(), List.of("A"))
                .pathway("p1", "S", "A")
                .at(DAY_0);
        // coverage 3/5 = .6; enrollment 1; crossUnit 1 → 100 · (.21 + .20 + .15) / .70 = 80
        assertEquals(0.6, state.components().stageCoverage().value(), 1e-12);
        assertNull(state.components().reliability().value());
        assertEquals(80, state.score());
        assertEquals(Band.ALIGNED, state.band());
    }

    @Test
    void a_score_of_exactly_50_is_partial() {
        // S and A in ops meet; S shares p1 with A, who does not answer; A commits, not yet due.
        AlignmentState state = launch("S", "ops", "ops")
                .join("A", "ops")
                .relationship("S", "A")
                .share("p1", "S", List.of("A"), List.of())
                .commit("c1", "A", day(10))
                .at(day(1));
        // coverage (1 + 1 + 0 + .5 + 0) / 5 = .5; enrollment 1/2 → 100 · (.175 + .10) / .55 = 50
        assertEquals(0.5, state.components().stageCoverage().value(), 1e-12);
        assertEquals(0.5, state.components().enrollment().value());
        assertNull(state.components().crossUnit().value());
        assertNull(state.components().reliability().value());
        assertNull(state.components().acknowledgement().value());
        assertEquals(50, state.score());
        assertEquals(Band.PARTIAL, state.band());
    }

    @Test
    void a_score_of_exactly_49_is_misaligned() {
        // S (exec) and A (sales) meet and co-create p1; X (sales) fulfilled late, unthanked, and left.
        AlignmentState state = launch("S", "exec", "exec", "sales")
                .join("A", "sales")
                .join("X", "sales")
                .relationship("S", "A")
                .share("p1", "S", List.of(), List.of("A"))
                .commit("cX", "X", day(5))
                .fulfil("cX", day(6))
                .on(day(7)).leave("X")
                .at(day(10));
        // coverage 2/5 = .4; enrollment 1; crossUnit 1; reliability 0/1; acknowledgement 0/1
        assertEquals(0.4, state.components().stageCoverage().value(), 1e-12);
        assertEquals(0.0, state.components().reliability().value());
        assertEquals(0.0, state.components().acknowledgement().value());
        // 100 · (.35·.4 + .20 + .15 + 0 + 0) = 14 + 20 + 15 = 49
        assertEquals(49, state.score());
        assertEquals(Band.MISALIGNED, state.band());
    }

    @Test
    void the_band_thresholds_are_80_and_50_and_no_score_is_unknown() {
        assertEquals(Band.ALIGNED, Band.of(100));
        assertEquals(Band.ALIGNED, Band.of(80));
        assertEquals(Band.PARTIAL, Band.of(79));
        assertEquals(Band.PARTIAL, Band.of(50));
        assertEquals(Band.MISALIGNED, Band.of(49));
        assertEquals(Band.MISALIGNED, Band.of(0));
        assertEquals(Band.UNKNOWN, Band.of(null));
    }
}
