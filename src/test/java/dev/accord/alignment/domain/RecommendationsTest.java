package dev.accord.alignment.domain;

import dev.accord.alignment.domain.AlignmentState.Requests;
import dev.accord.alignment.domain.Recommendation.Kind;
import dev.accord.initiative.domain.Stance;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static dev.accord.alignment.domain.AlignmentHistory.DAY_0;
import static dev.accord.alignment.domain.AlignmentHistory.day;
import static dev.accord.alignment.domain.AlignmentHistory.launch;
import static dev.accord.alignment.domain.AlignmentHistory.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** "What conversation should we begin now?" — the table in docs/alignment-model.md, kind by kind, and its order. */
class RecommendationsTest {

    private static List<String> linesOf(AlignmentState state, Kind kind) {
        return lines(state).stream().filter(line -> line.startsWith(kind.name() + " ")).toList();
    }

    /** S sponsors in exec; everybody else joins exec too. */
    private static AlignmentHistory withPeople(String... people) {
        AlignmentHistory history = launch("S", "exec", "exec");
        for (String person : people) {
            history.join(person, "exec");
        }
        return history;
    }

    @Nested
    class when_every_stage_is_missing_something {

        /**
         * S (exec), E and B (finance), C and A (sales), joined in that order; legal is declared
         * and empty. S and A meet. S shares beta (audience B, co-author A), A shares alpha
         * (audience C, who has concerns), S shares gamma and maps it with C. S asks B for a
         * commitment (open); S's c1 is overdue; A's c2 was fulfilled and not acknowledged.
         */
        private final AlignmentState state = launch("S", "exec", "exec", "finance", "legal", "sales")
                .join("E", "finance")
                .join("C", "sales")
                .join("B", "finance")
                .join("A", "sales")
                .relationship("S", "A")
                .share("beta", "S", List.of("B"), List.of("A"))
                .share("alpha", "A", List.of("C"), List.of())
                .respond("alpha", "C", Stance.HAS_CONCERNS)
                .share("gamma", "S", List.of(), List.of())
                .pathway("gamma", "S", "C")
                .request("q1", "S", "B", day(9))
                .commit("c1", "S", day(5))
                .commit("c2", "A", day(5))
                .fulfil("c2", day(4))
                .at(day(10));

        @Test
        void the_conversations_come_by_stage_then_in_the_tables_order_then_by_key() {
            assertEquals(List.of(
                    "UNIT_ENTRY [legal] []",
                    "UNIT_LINK [exec, finance] []",
                    "UNIT_LINK [finance, sales] []",
                    "RELATIONSHIP [B, C, E]",
                    "SHARE_POSSIBILITY [E]",
                    "ENROLLMENT [B, C]",
                    "MAP_PATHWAY alpha [A]",
                    "MAP_PATHWAY beta [A, S]",
                    "JOIN_PATHWAY [A]",
                    "COMMIT [C]",
                    "ANSWER_REQUEST q1 [B, S]",
                    "RENEGOTIATE c1 [S]",
                    "ACKNOWLEDGE c2 [A]"), lines(state));
        }

        @Test
        void every_kind_is_recommended_at_its_stage() {
            assertEquals(EnumSet.allOf(Kind.class),
                    state.recommendations().stream().map(Recommendation::kind).collect(Collectors.toSet()));
            assertEquals(List.of(1, 1, 1, 1, 2, 2, 3, 3, 3, 4, 4, 4, 5),
                    state.recommendations().stream().map(item -> item.stage().number()).toList());
            for (Recommendation item : state.recommendations()) {
                assertEquals(item.kind().stage(), item.stage(), item.kind().name());
            }
        }

        @Test
        void unit_items_name_their_units_and_items_about_something_name_it() {
            List<Recommendation> items = state.recommendations();
            assertEquals(List.of("legal"), items.get(0).units());
            assertEquals(List.of("exec", "finance"), items.get(1).units());
            assertEquals("alpha", items.get(6).possibilityId());
            assertEquals("q1", items.get(10).requestId());
            assertEquals("c1", items.get(11).commitmentId());
            assertEquals("c2", items.get(12).commitmentId());
        }
    }

    @Test
    void nothing_is_recommended_when_every_conversation_has_happened() {
        AlignmentState state = withPeople("A")
                .relationship("S", "A")
                .share("p1", "S", List.of(), List.of("A"))
                .pathway("p1", "S", "A")
                .commit("c1", "S", day(5))
                .commit("c2", "A", day(5))
                .on(day(1)).feedback("S", "A", null)
                .at(day(2));
        assertEquals(List.of(), state.recommendations());
    }

    @Nested
    class share_possibility {

        @Test
        void names_all_of_p_when_no_possibility_was_shared() {
            AlignmentState state = withPeople("B", "A").relationship("S", "A", "B").at(DAY_0);
            assertEquals(List.of("SHARE_POSSIBILITY [A, B, S]"), linesOf(state, Kind.SHARE_POSSIBILITY));
        }

        @Test
        void names_only_those_not_reached_once_one_was_shared() {
            AlignmentState state = withPeople("B", "A").share("p1", "S", List.of("A"), List.of()).at(DAY_0);
            assertEquals(List.of("SHARE_POSSIBILITY [B]"), linesOf(state, Kind.SHARE_POSSIBILITY));
        }

        @Test
        void is_left_out_once_everyone_was_reached() {
            AlignmentState state = withPeople("B", "A").share("p1", "S", List.of("A", "B"), List.of()).at(DAY_0);
            assertEquals(List.of(), linesOf(state, Kind.SHARE_POSSIBILITY));
        }
    }

    @Test
    void enrollment_names_buy_in_concerns_and_silence_but_not_refusal_ownership_or_the_unreached() {
        AlignmentState state = withPeople("A", "B", "C", "D", "E", "F")
                .share("p1", "S", List.of("A", "B", "C", "D"), List.of("E"))
                .respond("p1", "A", Stance.BUYS_IN)
                .respond("p1", "B", Stance.HAS_CONCERNS)
                .respond("p1", "C", Stance.DECLINES)
                .at(DAY_0);
        assertEquals(List.of("ENROLLMENT [A, B, D]"), linesOf(state, Kind.ENROLLMENT));
        assertEquals(List.of("SHARE_POSSIBILITY [F]"), linesOf(state, Kind.SHARE_POSSIBILITY));
    }

    @Test
    void map_pathway_names_the_sharer_and_co_authors_still_in_p_for_each_unmapped_possibility_by_id() {
        AlignmentState state = withPeople("A", "B", "C", "D")
                .share("p2", "S", List.of("A"), List.of("B", "C"))
                .share("p1", "A", List.of(), List.of())
                .share("p4", "D", List.of("S"), List.of())
                .share("p3", "C", List.of(), List.of())
                .pathway("p3", "C")
                .leave("C")
                .leave("D")
                .at(DAY_0);
        // p3 is mapped; p4's sharer left and its audience does not count, so its item is empty and left out
        assertEquals(List.of("MAP_PATHWAY p1 [A]", "MAP_PATHWAY p2 [B, S]"), linesOf(state, Kind.MAP_PATHWAY));
    }

    @Test
    void join_pathway_names_those_who_co_created_or_own_a_possibility_but_are_on_no_pathway() {
        AlignmentState state = withPeople("A", "B", "C")
                .share("p1", "S", List.of("A", "B"), List.of("C"))
                .respond("p1", "A", Stance.OWNS)
                .respond("p1", "B", Stance.BUYS_IN)
                .pathway("p1", "S")
                .at(DAY_0);
        assertEquals(List.of("JOIN_PATHWAY [A, C]"), linesOf(state, Kind.JOIN_PATHWAY));
        assertEquals(List.of(), linesOf(state, Kind.MAP_PATHWAY));
    }

    @Test
    void commit_names_those_on_a_pathway_who_never_made_a_commitment_even_a_withdrawn_one() {
        AlignmentState state = withPeople("A", "B", "E")
                .share("p1", "S", List.of(), List.of())
                .pathway("p1", "S", "A", "B")
                .commit("c1", "A", day(5))
                .commit("c2", "B", day(5))
                .withdraw("c2")
                .at(DAY_0);
        assertEquals(List.of("COMMIT [S]"), linesOf(state, Kind.COMMIT));
    }

    @Nested
    class answer_request {

        /**
         * Open: q-b S→A, q-a B→A, q-c C→A (C leaves), q-f D→C (both leave). Declined: q-d.
         * Promised: q-e by E.
         */
        private final AlignmentState state = withPeople("A", "B", "C", "D", "E")
                .request("q-b", "S", "A", day(9))
                .request("q-a", "B", "A", day(9))
                .request("q-c", "C", "A", day(9))
                .request("q-f", "D", "C", day(9))
                .request("q-d", "S", "B", day(9))
                .decline("q-d")
                .request("q-e", "S", "E", day(9))
                .promise("q-e", "c-e", "E", day(9))
                .leave("C")
                .leave("D")
                .at(DAY_0);

        @Test
        void names_the_requester_and_the_person_asked_still_in_p_for_each_open_request_by_id() {
            assertEquals(List.of("ANSWER_REQUEST q-a [A, B]", "ANSWER_REQUEST q-b [A, S]", "ANSWER_REQUEST q-c [A]"),
                    linesOf(state, Kind.ANSWER_REQUEST));
        }

        @Test
        void requests_count_every_request_of_the_initiative() {
            assertEquals(new Requests(4, 1, 1), state.requests());
        }
    }

    @Test
    void renegotiate_names_each_overdue_commitment_by_id_and_nothing_else() {
        AlignmentState state = withPeople("A", "B")
                .commit("c-b", "A", day(3))
                .commit("c-a", "B", day(4))
                .commit("c-c", "A", day(20))
                .commit("c-d", "B", day(2))
                .fulfil("c-d", day(3))
                .commit("c-e", "A", day(2))
                .on(day(1)).withdraw("c-e")
                .at(day(10));
        assertEquals(List.of("RENEGOTIATE c-a [B]", "RENEGOTIATE c-b [A]"), linesOf(state, Kind.RENEGOTIATE));
    }

    @Test
    void acknowledge_names_each_fulfilled_unacknowledged_commitment_by_id() {
        AlignmentState state = withPeople("A", "B")
                .commit("c-y", "A", day(5))
                .commit("c-x", "B", day(5))
                .commit("c-z", "A", day(5))
                .fulfil("c-y", day(1))
                .fulfil("c-x", day(6))
                .fulfil("c-z", day(1))
                .on(day(2)).acknowledge("S", "A", "c-z")
                .at(day(10));
        assertEquals(List.of("ACKNOWLEDGE c-x [B]", "ACKNOWLEDGE c-y [A]"), linesOf(state, Kind.ACKNOWLEDGE));
    }

    @Test
    void items_whose_people_all_left_are_left_out_except_the_kept_kinds() {
        AlignmentState state = launch("S", "exec", "exec", "sales")
                .join("A", "exec")
                .join("B", "exec")
                .share("p1", "A", List.of("S"), List.of("B"))
                .request("q1", "A", "B", day(9))
                .commit("c1", "A", day(3))
                .commit("c2", "B", day(3))
                .fulfil("c2", day(2))
                .on(day(4)).leave("A")
                .leave("B")
                .at(day(10));
        assertEquals(List.of("UNIT_ENTRY [sales] []", "RELATIONSHIP [S]", "ENROLLMENT [S]", "RENEGOTIATE c1 []",
                "ACKNOWLEDGE c2 []"), lines(state));
        Set<Kind> kept = EnumSet.of(Kind.UNIT_ENTRY, Kind.UNIT_LINK, Kind.RENEGOTIATE, Kind.ACKNOWLEDGE);
        for (Recommendation item : state.recommendations()) {
            if (item.participants().isEmpty()) {
                assertTrue(kept.contains(item.kind()), item.kind() + " was kept although empty");
            }
        }
    }
}
