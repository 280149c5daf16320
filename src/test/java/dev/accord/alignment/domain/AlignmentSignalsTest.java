package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentSignal.BandChanged;
import dev.accord.alignment.domain.AlignmentSignal.CommitmentOverdue;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationClosed;
import dev.accord.alignment.domain.AlignmentSignal.RecommendationOpened;
import dev.accord.alignment.domain.AlignmentSignal.StageReached;
import dev.accord.alignment.domain.AlignmentSignal.StageSkipped;
import dev.accord.alignment.domain.AlignmentSignal.UnitRepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitUnrepresented;
import dev.accord.alignment.domain.AlignmentSignal.UnitsConnected;
import dev.accord.alignment.domain.AlignmentSignal.UnitsDisconnected;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.INITIATIVE;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Given the state last published, when the initiative's history goes on (or only the clock does),
 * then these signals and no others. A signal type at a time: {@link #then} keeps the signals of
 * the type asked for, so each test states the whole of what that type says.
 */
class AlignmentSignalsTest {

    /** S (exec) launched declaring exec, sales and finance; A (sales) joined. */
    private static AlignmentHistory salesJoined() {
        return launch("S", "exec", "exec", "sales", "finance").join("A", "sales");
    }

    @Test
    void nothing_changes_so_no_signal_is_raised_and_the_state_is_not_changed() {
        AlignmentHistory history = salesJoined().relationship("S", "A");
        AlignmentState published = history.at(DAY_0);
        AlignmentState later = history.at(day(3));

        assertFalse(AlignmentSignals.changed(published, later), "only the evaluation instant differs");
        assertEquals(List.of(), AlignmentSignals.between(published, later, facts(history)));
    }

    @Test
    void the_first_state_is_read_from_the_empty_state_so_everything_it_holds_is_new() {
        AlignmentHistory history = launch("S", "exec", "exec", "sales");
        AlignmentState first = history.at(DAY_0);

        List<AlignmentSignal> signals = AlignmentSignals.between(null, first, facts(history));

        assertTrue(AlignmentSignals.changed(null, first));
        assertEquals(List.of(new BandChanged(INITIATIVE, null, first.band(), first.score())),
                only(signals, BandChanged.class));
        assertEquals(List.of(new UnitUnrepresented(INITIATIVE, "sales")), only(signals, UnitUnrepresented.class));
        assertEquals(first.recommendations().stream().map(item -> new RecommendationOpened(INITIATIVE, item)).toList(),
                only(signals, RecommendationOpened.class));
        assertEquals(List.of(), only(signals, UnitRepresented.class));
        assertEquals(List.of(), only(signals, RecommendationClosed.class));
    }

    @Test
    void a_person_engaged_at_a_stage_for_the_first_time_reaches_it_once() {
        List<AlignmentSignal> first = then(salesJoined(), history -> history.relationship("S", "A"), DAY_0);
        assertEquals(List.of(new StageReached(INITIATIVE, "A", 1), new StageReached(INITIATIVE, "S", 1)),
                only(first, StageReached.class));

        List<AlignmentSignal> again = then(salesJoined().relationship("S", "A"),
                history -> history.relationship("A", "S"), DAY_0);
        assertEquals(List.of(), only(again, StageReached.class));
    }

    @Test
    void a_gap_opening_is_a_skipped_stage_and_a_gap_narrowing_is_not() {
        AlignmentHistory committed = salesJoined().join("B", "finance");
        List<AlignmentSignal> opened = then(committed, history -> history.commit("c1", "B", day(10)), DAY_0);
        assertEquals(List.of(new StageSkipped(INITIATIVE, "B", 4, List.of(1, 2, 3))),
                only(opened, StageSkipped.class));

        List<AlignmentSignal> narrowed = then(salesJoined().join("B", "finance").commit("c1", "B", day(10)),
                history -> history.relationship("B", "S"), DAY_0);
        assertEquals(List.of(), only(narrowed, StageSkipped.class));
    }

    @Test
    void a_unit_joining_without_a_relationship_disconnects_a_pair_and_a_relationship_connects_it() {
        List<AlignmentSignal> joined = then(salesJoined().relationship("S", "A"),
                history -> history.join("B", "finance"), DAY_0);
        assertEquals(List.of(new UnitsDisconnected(INITIATIVE, List.of("exec", "finance")),
                new UnitsDisconnected(INITIATIVE, List.of("finance", "sales"))), only(joined, UnitsDisconnected.class));

        List<AlignmentSignal> related = then(salesJoined().relationship("S", "A").join("B", "finance"),
                history -> history.relationship("B", "A"), DAY_0);
        assertEquals(List.of(new UnitsConnected(INITIATIVE, List.of("finance", "sales"))),
                only(related, UnitsConnected.class));
        assertEquals(List.of(), only(related, UnitsDisconnected.class));
    }

    @Test
    void a_pair_that_leaves_with_its_unit_is_not_connected() {
        List<AlignmentSignal> left = then(salesJoined(), history -> history.leave("A"), DAY_0);
        assertEquals(List.of(), only(left, UnitsConnected.class));
    }

    @Test
    void a_declared_unit_losing_its_last_participant_is_unrepresented_and_one_joining_represents_it() {
        List<AlignmentSignal> left = then(salesJoined(), history -> history.leave("A"), DAY_0);
        assertEquals(List.of(new UnitUnrepresented(INITIATIVE, "sales")), only(left, UnitUnrepresented.class));

        List<AlignmentSignal> joined = then(salesJoined(), history -> history.join("B", "finance"), DAY_0);
        assertEquals(List.of(new UnitRepresented(INITIATIVE, "finance")), only(joined, UnitRepresented.class));
        assertEquals(List.of(), only(joined, UnitUnrepresented.class));
    }

    @Test
    void the_band_moving_says_from_to_and_the_score() {
        AlignmentHistory history = launch("S", "exec", "exec").join("A", "exec");
        AlignmentState published = history.at(DAY_0);
        history.relationship("S", "A").share("p", "S", List.of("A"), List.of()).respond("p", "A", Stance.OWNS)
                .pathway("p", "S", "A");
        AlignmentState after = history.at(DAY_0);

        List<AlignmentSignal> signals = AlignmentSignals.between(published, after, facts(history));

        assertTrue(published.band() != after.band(), published.band() + " to " + after.band());
        assertEquals(List.of(new BandChanged(INITIATIVE, published.band(), after.band(), after.score())),
                only(signals, BandChanged.class));
    }

    @Test
    void a_conversation_appearing_is_opened_and_one_disappearing_is_closed_as_it_last_was() {
        AlignmentHistory history = salesJoined();
        AlignmentState published = history.at(DAY_0);
        Recommendation unitEntry = recommendation(published, "UNIT_ENTRY:finance");
        history.join("B", "finance");
        AlignmentState after = history.at(DAY_0);

        List<AlignmentSignal> signals = AlignmentSignals.between(published, after, facts(history));

        assertEquals(List.of(new RecommendationClosed(INITIATIVE, unitEntry)), only(signals, RecommendationClosed.class));
        assertEquals(List.of(new RecommendationOpened(INITIATIVE, recommendation(after, "UNIT_LINK:exec,finance")),
                        new RecommendationOpened(INITIATIVE, recommendation(after, "UNIT_LINK:finance,sales"))),
                only(signals, RecommendationOpened.class));
    }

    @Test
    void a_recommendation_that_keeps_its_key_but_names_other_people_is_neither_opened_nor_closed() {
        List<AlignmentSignal> signals = then(salesJoined(), history -> history.join("C", "sales"), DAY_0);
        assertTrue(only(signals, RecommendationOpened.class).stream()
                .noneMatch(opened -> opened.recommendation().kind() == Recommendation.Kind.RELATIONSHIP), "" + signals);
        assertEquals(List.of(), only(signals, RecommendationClosed.class));
    }

    @Test
    void a_due_date_passing_with_nothing_recorded_raises_commitment_overdue_once() {
        AlignmentHistory history = salesJoined().commit("c1", "A", day(2));
        AlignmentState published = history.at(day(1));

        AlignmentState dueDatePassed = history.at(day(3));
        assertEquals(List.of(new CommitmentOverdue(INITIATIVE, "c1", "A", day(2))),
                only(AlignmentSignals.between(published, dueDatePassed, facts(history)), CommitmentOverdue.class));
        assertEquals(List.of(), only(AlignmentSignals.between(dueDatePassed, history.at(day(4)), facts(history)),
                CommitmentOverdue.class), "the clock running again raises nothing more");
    }

    @Test
    void an_event_applied_after_the_due_date_but_before_the_clock_ran_raises_it_once_and_the_clock_then_nothing() {
        AlignmentHistory history = salesJoined().commit("c1", "A", day(2));
        AlignmentState published = history.at(day(1));
        history.on(day(3)).relationship("S", "A");
        AlignmentState afterEvent = history.at(day(3));

        assertEquals(List.of(new CommitmentOverdue(INITIATIVE, "c1", "A", day(2))),
                only(AlignmentSignals.between(published, afterEvent, facts(history)), CommitmentOverdue.class));
        AlignmentState clock = history.at(day(3).plusSeconds(5));
        assertFalse(AlignmentSignals.changed(afterEvent, clock));
        assertEquals(List.of(), AlignmentSignals.between(afterEvent, clock, facts(history)));
    }

    @Test
    void a_commitment_renegotiated_to_a_later_date_is_raised_again_when_that_date_passes() {
        AlignmentHistory history = salesJoined().commit("c1", "A", day(2));
        AlignmentState overdue = history.at(day(3));
        history.on(day(3)).renegotiate("c1", day(5));
        AlignmentState renegotiated = history.at(day(3));
        assertEquals(List.of(), only(AlignmentSignals.between(overdue, renegotiated, facts(history)),
                CommitmentOverdue.class));

        assertEquals(List.of(new CommitmentOverdue(INITIATIVE, "c1", "A", day(5))),
                only(AlignmentSignals.between(renegotiated, history.at(day(6)), facts(history)),
                        CommitmentOverdue.class));
    }

    @Test
    void a_commitment_fulfilled_in_time_is_never_overdue() {
        List<AlignmentSignal> signals = then(salesJoined().commit("c1", "A", day(2)),
                history -> history.fulfil("c1", day(1)), day(3));
        assertEquals(List.of(), only(signals, CommitmentOverdue.class));
    }

    @Test
    void recommendation_keys_name_the_kind_and_what_the_item_is_about() {
        AlignmentState state = salesJoined().join("B", "finance").commit("c1", "A", day(2)).at(day(3));
        assertEquals(List.of("UNIT_LINK:exec,finance", "UNIT_LINK:exec,sales", "UNIT_LINK:finance,sales",
                        "RELATIONSHIP", "SHARE_POSSIBILITY", "RENEGOTIATE:c1"),
                state.recommendations().stream().map(AlignmentSignals::keyOf).toList());
    }

    /** Published at {@code at} after {@code given}; the signals once {@code when} happened, evaluated at {@code at}. */
    private static List<AlignmentSignal> then(AlignmentHistory given, UnaryOperator<AlignmentHistory> when,
                                              Instant at) {
        AlignmentState published = given.at(at);
        AlignmentHistory after = when.apply(given);
        return AlignmentSignals.between(published, after.at(at), facts(after));
    }

    private static AlignmentFacts facts(AlignmentHistory history) {
        return AlignmentFold.fold(INITIATIVE, history.events());
    }

    private static <S extends AlignmentSignal> List<S> only(List<AlignmentSignal> signals, Class<S> type) {
        return signals.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static Recommendation recommendation(AlignmentState state, String key) {
        return state.recommendations().stream().filter(item -> AlignmentSignals.keyOf(item).equals(key)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + key + " in " + state.recommendations()));
    }
}
