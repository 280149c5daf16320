package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.accord.alignment.api.AlignmentJson;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.RandomHistory;
import dev.accord.readmodel.RowCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The state column keeps unchanged recommendations' JSON from the last state; what it writes is still the mapper's JSON. */
class StateJsonTest {

    private static final UUID ONE = UUID.fromString("5c9e2d71-0b4a-4f86-a3d1-7e2b9c0f4a18");
    private static final UUID OTHER = UUID.fromString("a1d47e03-6c2b-4e95-8f70-2b5d9c1e6a34");
    private static final Instant LATER = Instant.parse("2026-06-01T00:00:00Z");

    private final ObjectMapper mapper = mapper();
    private final StateJson stateJson = new StateJson(mapper, new RowCache(500_000));

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void each_state_of_a_growing_history_is_written_as_the_mapper_writes_it(long seed) throws Exception {
        assertEachStateWrittenAsTheMapperDoes(seed, 500_000);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("dev.accord.initiative.domain.RandomHistory#seeds")
    void recommendations_forgotten_between_states_leave_each_state_written_as_the_mapper_writes_it(long seed)
            throws Exception {
        assertEachStateWrittenAsTheMapperDoes(seed, 40); // rarely both initiatives' recommendations kept
    }

    /** Two initiatives' histories, growing in turn, each state written with what the memory kept. */
    private void assertEachStateWrittenAsTheMapperDoes(long seed, long bound) throws Exception {
        RowCache memory = new RowCache(bound);
        StateJson writer = new StateJson(mapper, memory);
        List<InitiativeEvent> one = RandomHistory.of(seed, ONE, 200);
        List<InitiativeEvent> other = RandomHistory.of(seed + 1, OTHER, 200);
        AlignmentFold foldOne = AlignmentFold.start(ONE);
        AlignmentFold foldOther = AlignmentFold.start(OTHER);
        for (int i = 0; i < Math.min(one.size(), other.size()); i++) {
            foldOne.apply(one.get(i));
            foldOther.apply(other.get(i));
            AlignmentState stateOne = Alignment.evaluate(foldOne.facts(), LATER);
            AlignmentState stateOther = Alignment.evaluate(foldOther.facts(), LATER);

            assertEquals(mapper.writeValueAsString(stateOne), writer.write(stateOne));
            assertEquals(mapper.writeValueAsString(stateOther), writer.write(stateOther));
            assertTrue(memory.weight() <= bound);
        }
    }

    @Test
    void a_state_written_again_at_another_clock_is_written_as_the_mapper_writes_it() throws Exception {
        AlignmentFold fold = AlignmentFold.start(ONE);
        RandomHistory.of(3, ONE, 250).forEach(fold::apply);
        AlignmentState early = Alignment.evaluate(fold.facts(), Instant.parse("2026-03-01T00:00:00Z"));
        AlignmentState late = Alignment.evaluate(fold.facts(), LATER);
        assertTrue(!late.recommendations().isEmpty());

        assertWrittenAsTheMapperDoes(early);
        assertWrittenAsTheMapperDoes(late);
        assertWrittenAsTheMapperDoes(early);
    }

    private void assertWrittenAsTheMapperDoes(AlignmentState state) throws Exception {
        assertEquals(mapper.writeValueAsString(state), stateJson.write(state));
    }

    /** The application's mapper as far as the state's JSON goes. */
    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new AlignmentJson().customize(mapper);
        return mapper;
    }
}
