package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.UnitLink;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static dev.accord.alignment.domain.AlignmentHistory.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Units are connected by relationships that list people of both; U is the units of P now. */
class UnitLinksTest {

    /** S (exec), A and C (sales), B (finance). */
    private static AlignmentHistory threeUnits() {
        return launch("S", "exec", "exec", "sales", "finance")
                .join("A", "sales")
                .join("B", "finance")
                .join("C", "sales");
    }

    private static List<String> unitLinks(AlignmentState state) {
        return lines(state).stream().filter(line -> line.startsWith("UNIT_LINK ")).toList();
    }

    @Test
    void a_relationship_counts_once_for_each_pair_of_units_it_spans_however_many_people_it_lists() {
        AlignmentState state = threeUnits()
                .relationship("S", "A", "C")
                .relationship("A", "C")
                .relationship("B", "A", "S")
                .at(DAY_0);
        assertEquals(List.of(new UnitLink(List.of("exec", "finance"), 1),
                new UnitLink(List.of("exec", "sales"), 2),
                new UnitLink(List.of("finance", "sales"), 1)), state.units().pairs());
        assertEquals(List.of(), state.units().disconnected());
        assertEquals(1.0, state.components().crossUnit().value());
        assertEquals(List.of(), unitLinks(state));
    }

    @Test
    void a_relationship_inside_one_unit_connects_no_pair() {
        AlignmentState state = launch("S", "exec", "exec", "sales")
                .join("A", "sales")
                .join("C", "sales")
                .relationship("A", "C")
                .at(DAY_0);
        assertEquals(List.of(new UnitLink(List.of("exec", "sales"), 0)), state.units().pairs());
        assertEquals(List.of(new UnitLink(List.of("exec", "sales"), 0)), state.units().disconnected());
        assertEquals(0.0, state.components().crossUnit().value());
        assertEquals(List.of("UNIT_LINK [exec, sales] []"), unitLinks(state));
    }

    @Test
    void a_participant_in_an_undeclared_unit_brings_that_unit_into_u_and_its_pairs() {
        AlignmentState state = threeUnits()
                .relationship("S", "A", "B")
                .join("D", "design")
                .at(DAY_0);
        assertEquals(List.of(new UnitLink(List.of("design", "exec"), 0),
                new UnitLink(List.of("design", "finance"), 0),
                new UnitLink(List.of("design", "sales"), 0),
                new UnitLink(List.of("exec", "finance"), 1),
                new UnitLink(List.of("exec", "sales"), 1),
                new UnitLink(List.of("finance", "sales"), 1)), state.units().pairs());
        // 3 connected pairs of 6
        assertEquals(0.5, state.components().crossUnit().value());
        assertEquals(List.of(), state.units().unrepresented());
        assertEquals(List.of("UNIT_LINK [design, exec] []", "UNIT_LINK [design, finance] []",
                "UNIT_LINK [design, sales] []"), unitLinks(state));
    }

    @Test
    void disconnected_pairs_are_the_pairs_with_no_relationship_in_the_same_order() {
        AlignmentState state = threeUnits().relationship("B", "S").at(DAY_0);
        assertEquals(List.of(new UnitLink(List.of("exec", "finance"), 1),
                new UnitLink(List.of("exec", "sales"), 0),
                new UnitLink(List.of("finance", "sales"), 0)), state.units().pairs());
        assertEquals(List.of(new UnitLink(List.of("exec", "sales"), 0),
                new UnitLink(List.of("finance", "sales"), 0)), state.units().disconnected());
        assertEquals(1.0 / 3, state.components().crossUnit().value(), 1e-12);
    }
}
