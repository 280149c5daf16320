package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFacts.CommitmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.RandomHistory;
import dev.accord.readmodel.RowCache;
import io.vertx.core.buffer.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The live read answers the state's JSON written once per evaluation, with the request's clock
 * written in: byte for byte the mapper's JSON of the state a read evaluates, and never the bytes of
 * another version.
 */
class StateBodyTest {

    private static final UUID ONE = UUID.fromString("7b3e9f12-5c8a-4d60-9e21-0a4f6c8d2b57");
    private static final Instant EVALUATED = Instant.parse("2026-05-01T10:00:00Z");
    /** Clocks of every precision the mapper writes: whole seconds, milliseconds, micro- and nanoseconds. */
    private static final List<Instant> CLOCKS = List.of(EVALUATED, Instant.parse("2026-05-01T10:00:00.120Z"),
            Instant.parse("2026-05-01T10:00:01.000123Z"), Instant.parse("2026-05-01T10:00:02.123456789Z"),
            Instant.parse("2027-01-01T00:00:00.000000001Z"));

    private final ObjectMapper mapper = StateJsonTest.mapper();

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void each_state_of_a_growing_history_read_at_any_clock_is_written_as_the_mapper_writes_it(long seed)
            throws Exception {
        AlignmentFold fold = AlignmentFold.start(ONE);
        for (InitiativeEvent event : RandomHistory.of(seed, ONE, 150)) {
            fold.apply(event);
            AlignmentState state = Alignment.evaluate(fold.facts(), EVALUATED);

            StateBody body = StateBody.of(mapper, state);

            assertEquals(state.version(), body.version());
            for (Instant clock : CLOCKS) {
                assertEquals(mapper.writeValueAsString(state.at(clock)), text(body.at(clock)));
            }
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void each_version_read_as_commitments_fall_due_is_answered_as_its_state_at_the_clock(long seed)
            throws Exception {
        AlignmentViews views = views(new RowCache(500_000));
        AlignmentFold fold = AlignmentFold.start(ONE);
        for (InitiativeEvent event : RandomHistory.of(seed, ONE, 120)) {
            fold.apply(event);
            AlignmentFacts facts = fold.facts();
            for (Instant clock : clocksAcrossDueDates(facts)) {
                StateBody body = views.body(facts, clock);

                assertEquals(facts.version(), body.version());
                assertEquals(mapper.writeValueAsString(Alignment.evaluate(facts, clock)), text(body.at(clock)));
            }
        }
    }

    @Test
    void a_new_version_is_never_answered_with_the_bytes_of_the_version_before() throws Exception {
        AlignmentViews views = views(new RowCache(500_000));
        List<InitiativeEvent> history = RandomHistory.of(8, ONE, 60);
        AlignmentFacts before = AlignmentFold.fold(ONE, history.subList(0, history.size() - 1));
        AlignmentFacts after = AlignmentFold.fold(ONE, history);
        String beforeJson = text(views.body(before, EVALUATED).at(EVALUATED));

        StateBody body = views.body(after, EVALUATED);

        assertEquals(after.version(), body.version());
        assertEquals(mapper.writeValueAsString(Alignment.evaluate(after, EVALUATED)), text(body.at(EVALUATED)));
        assertFalse(beforeJson.equals(text(body.at(EVALUATED))), "the versions' states differ at least in version");
        // a replica whose row is still at the version before reads that version's state, not the newer one kept
        assertEquals(beforeJson, text(views.body(before, EVALUATED).at(EVALUATED)));
    }

    @Test
    void a_state_forgotten_between_two_reads_is_evaluated_and_written_again() throws Exception {
        RowCache memory = new RowCache(1); // room for nothing: every read evaluates and writes again
        AlignmentViews views = views(memory);
        AlignmentFacts facts = AlignmentFold.fold(ONE, RandomHistory.of(13, ONE, 60));

        views.body(facts, EVALUATED);
        StateBody again = views.body(facts, EVALUATED.plusSeconds(1));

        assertEquals(0, memory.weight(ONE));
        assertEquals(mapper.writeValueAsString(Alignment.evaluate(facts, EVALUATED.plusSeconds(1))),
                text(again.at(EVALUATED.plusSeconds(1))));
    }

    /** From before the first due date to after the last, a clock on each side of every one and on it. */
    private static TreeSet<Instant> clocksAcrossDueDates(AlignmentFacts facts) {
        TreeSet<Instant> clocks = new TreeSet<>(List.of(EVALUATED));
        for (CommitmentFacts commitment : facts.commitments()) {
            Instant due = commitment.dueBy();
            clocks.addAll(List.of(due.minusNanos(1), due, due.plusNanos(1), due.plus(Duration.ofMinutes(7))));
        }
        return clocks;
    }

    private AlignmentViews views(RowCache memory) {
        AlignmentViews views = new AlignmentViews();
        views.memory = memory;
        views.json = mapper;
        return views;
    }

    private static String text(Buffer json) {
        return new String(json.getBytes(), StandardCharsets.UTF_8);
    }
}
