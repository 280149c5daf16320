package dev.accord.initiative.application;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InitiativeLanesTest {

    private final List<List<String>> started = new ArrayList<>();
    private final List<String> answers = new ArrayList<>();
    private UniEmitter<? super List<Outcome<String>>> running;

    /** Lanes whose groups wait for the test to finish them; a name starting with "keyed" runs alone. */
    private InitiativeLanes<String, String> lanes(int groupMax) {
        return new InitiativeLanes<>(groupMax, name -> name.startsWith("keyed"),
                (initiativeId, members) -> Uni.createFrom().emitter(emitter -> {
                    started.add(members);
                    running = emitter;
                }));
    }

    private void submit(InitiativeLanes<String, String> lanes, UUID initiativeId, String name) {
        lanes.run(initiativeId, name).subscribe().with(answers::add, failure -> answers.add("failed: "
                + failure.getMessage()));
    }

    /** Finishes the running group: each member answers "<name> done", except those named "refused…". */
    private void finishRunningGroup() {
        List<String> members = started.get(started.size() - 1);
        running.complete(members.stream()
                .map(name -> name.startsWith("refused")
                        ? Outcome.<String>failed(new IllegalStateException(name))
                        : Outcome.of(name + " done"))
                .toList());
    }

    @Test
    void a_lone_command_starts_at_once_and_those_queued_behind_it_run_together_in_arrival_order() {
        InitiativeLanes<String, String> lanes = lanes(64);
        UUID id = UUID.randomUUID();

        submit(lanes, id, "first");
        assertEquals(List.of(List.of("first")), started, "nothing waits for company");
        submit(lanes, id, "second");
        submit(lanes, id, "refused third");
        submit(lanes, id, "fourth");
        assertEquals(1, started.size(), "the others wait for the first");

        finishRunningGroup();
        assertEquals(List.of("second", "refused third", "fourth"), started.get(1));
        finishRunningGroup();

        assertEquals(List.of("first done", "second done", "failed: refused third", "fourth done"), answers,
                "each member is answered with its own outcome");
        assertEquals(0, lanes.busy(), "an idle lane takes no memory");
    }

    @Test
    void a_group_holds_at_most_group_max_commands() {
        InitiativeLanes<String, String> lanes = lanes(2);
        UUID id = UUID.randomUUID();
        for (String name : List.of("a", "b", "c", "d", "e", "f")) {
            submit(lanes, id, name);
        }

        for (int i = 0; i < 4; i++) {
            finishRunningGroup();
        }

        assertEquals(List.of(List.of("a"), List.of("b", "c"), List.of("d", "e"), List.of("f")), started);
        assertEquals(List.of("a done", "b done", "c done", "d done", "e done", "f done"), answers);
    }

    @Test
    void a_command_that_must_run_alone_is_a_group_of_its_own_between_the_groups_around_it() {
        InitiativeLanes<String, String> lanes = lanes(64);
        UUID id = UUID.randomUUID();
        for (String name : List.of("a", "b", "keyed c", "keyed d", "e", "f")) {
            submit(lanes, id, name);
        }

        for (int i = 0; i < 5; i++) {
            finishRunningGroup();
        }

        assertEquals(List.of(List.of("a"), List.of("b"), List.of("keyed c"), List.of("keyed d"), List.of("e", "f")),
                started);
    }

    @Test
    void a_failed_group_answers_every_member_with_its_failure_and_frees_the_lane() {
        InitiativeLanes<String, String> lanes = lanes(64);
        UUID id = UUID.randomUUID();
        for (String name : List.of("a", "b", "c", "d")) {
            submit(lanes, id, name);
        }
        finishRunningGroup();

        running.fail(new IllegalStateException("connection closed"));
        assertEquals(List.of("a done", "failed: connection closed", "failed: connection closed",
                "failed: connection closed"), answers);
        assertEquals(0, lanes.busy());

        submit(lanes, id, "e");
        finishRunningGroup();
        assertEquals("e done", answers.get(answers.size() - 1));
    }

    @Test
    void commands_of_different_initiatives_do_not_wait_for_each_other() {
        InitiativeLanes<String, String> lanes = lanes(64);

        submit(lanes, UUID.randomUUID(), "one");
        submit(lanes, UUID.randomUUID(), "other");

        assertEquals(List.of(List.of("one"), List.of("other")), started);
        assertEquals(2, lanes.busy());
    }
}
