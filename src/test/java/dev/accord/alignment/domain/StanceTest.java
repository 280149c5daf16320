package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.Enrollment;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static dev.accord.alignment.domain.AlignmentHistory.participant;
import static dev.accord.alignment.domain.AlignmentHistory.stanceOf;
import static dev.accord.alignment.domain.OverallStance.BUYS_IN;
import static dev.accord.alignment.domain.OverallStance.CO_CREATED;
import static dev.accord.alignment.domain.OverallStance.DECLINES;
import static dev.accord.alignment.domain.OverallStance.HAS_CONCERNS;
import static dev.accord.alignment.domain.OverallStance.NOT_REACHED;
import static dev.accord.alignment.domain.OverallStance.NO_RESPONSE;
import static dev.accord.alignment.domain.OverallStance.OWNS;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A person's stance: per possibility their latest response, else a default from how it named
 * them; overall the best across possibilities, CO_CREATED > OWNS > BUYS_IN > HAS_CONCERNS >
 * DECLINES > NO_RESPONSE; NOT_REACHED when nothing named them and they answered nothing.
 */
class StanceTest {

    /** S sponsors in exec; everybody else joins exec too, so units play no part here. */
    private static AlignmentHistory withPeople(String... people) {
        AlignmentHistory history = launch("S", "exec", "exec");
        for (String person : people) {
            history.join(person, "exec");
        }
        return history;
    }

    @Test
    void without_responses_co_authors_co_created_the_sharer_owns_the_audience_has_not_responded() {
        AlignmentState state = withPeople("A", "B", "C")
                .share("p1", "S", List.of("A"), List.of("C"))
                .at(DAY_0);
        assertEquals(OWNS, stanceOf(state, "S"));
        assertEquals(NO_RESPONSE, stanceOf(state, "A"));
        assertEquals(CO_CREATED, stanceOf(state, "C"));
        assertEquals(NOT_REACHED, stanceOf(state, "B"));
        assertEquals(new Enrollment(1, 1, 0, 0, 0, 1, 1), state.enrollment());
        // (coCreated + owns) / n = 2 / 4
        assertEquals(0.5, state.components().enrollment().value());
    }

    @Test
    void someone_listed_twice_takes_the_best_default() {
        AlignmentState state = withPeople("D", "E")
                .share("p1", "S", List.of("S", "D", "E"), List.of("D"))
                .at(DAY_0);
        assertEquals(OWNS, stanceOf(state, "S"), "sharedBy and audience");
        assertEquals(CO_CREATED, stanceOf(state, "D"), "audience and coAuthors");
        assertEquals(NO_RESPONSE, stanceOf(state, "E"));
    }

    @Test
    void a_sharer_who_is_also_a_co_author_co_created() {
        AlignmentState state = withPeople("A")
                .share("p1", "S", List.of("A"), List.of("S"))
                .at(DAY_0);
        assertEquals(CO_CREATED, stanceOf(state, "S"));
    }

    @Test
    void a_response_overrides_the_default_even_a_better_one() {
        AlignmentState state = withPeople("A", "C")
                .share("p1", "S", List.of("A"), List.of("C"))
                .respond("p1", "C", Stance.DECLINES)
                .respond("p1", "S", Stance.BUYS_IN)
                .respond("p1", "A", Stance.CO_CREATED)
                .at(DAY_0);
        assertEquals(DECLINES, stanceOf(state, "C"));
        assertEquals(BUYS_IN, stanceOf(state, "S"));
        assertEquals(CO_CREATED, stanceOf(state, "A"));
        assertEquals(new Enrollment(1, 0, 1, 0, 1, 0, 0), state.enrollment());
        assertEquals(1.0 / 3, state.components().enrollment().value(), 1e-12);
    }

    @Test
    void a_later_response_overrides_an_earlier_one_even_a_better_one() {
        AlignmentState state = withPeople("A")
                .share("p1", "S", List.of("A"), List.of())
                .respond("p1", "A", Stance.OWNS)
                .respond("p1", "A", Stance.HAS_CONCERNS)
                .at(DAY_0);
        assertEquals(HAS_CONCERNS, stanceOf(state, "A"));
    }

    @Test
    void the_overall_stance_is_the_best_across_possibilities() {
        AlignmentState state = withPeople("A", "B", "C")
                .share("p1", "S", List.of("A", "B", "C"), List.of())
                .share("p2", "S", List.of("A", "B"), List.of())
                .respond("p1", "A", Stance.DECLINES)
                .respond("p1", "B", Stance.HAS_CONCERNS)
                .respond("p2", "B", Stance.BUYS_IN)
                .respond("p2", "C", Stance.OWNS)
                .at(DAY_0);
        assertEquals(DECLINES, stanceOf(state, "A"), "declining p1 is better than not answering p2");
        assertEquals(BUYS_IN, stanceOf(state, "B"), "buying into p2 is better than concerns about p1");
        assertEquals(OWNS, stanceOf(state, "C"), "owning p2 is better than not answering p1");
        assertEquals(OWNS, stanceOf(state, "S"));
        assertEquals(new Enrollment(0, 2, 1, 0, 1, 0, 0), state.enrollment());
    }

    @Test
    void a_person_who_responded_without_being_named_has_that_stance_and_is_reached() {
        AlignmentState state = withPeople("E", "F")
                .share("p1", "S", List.of(), List.of())
                .respond("p1", "E", Stance.HAS_CONCERNS)
                .at(DAY_0);
        assertEquals(HAS_CONCERNS, stanceOf(state, "E"));
        assertEquals(List.of(2), participant(state, "E").stages());
        assertEquals(NOT_REACHED, stanceOf(state, "F"));
        assertEquals(new Enrollment(0, 1, 0, 1, 0, 0, 1), state.enrollment());
    }

    @Test
    void nobody_is_reached_before_any_possibility_is_shared() {
        AlignmentState state = withPeople("A").relationship("S", "A").at(DAY_0);
        assertEquals(NOT_REACHED, stanceOf(state, "S"));
        assertEquals(NOT_REACHED, stanceOf(state, "A"));
        assertEquals(new Enrollment(0, 0, 0, 0, 0, 0, 2), state.enrollment());
        assertEquals(0.0, state.components().enrollment().value());
    }

    @Test
    void enrollment_counts_only_active_participants() {
        AlignmentState state = withPeople("A", "B")
                .share("p1", "S", List.of(), List.of("A", "B"))
                .leave("B")
                .at(DAY_0);
        assertEquals(new Enrollment(1, 1, 0, 0, 0, 0, 0), state.enrollment());
        assertEquals(1.0, state.components().enrollment().value());
    }
}
