package dev.accord.initiative.application;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

class InitiativeLanesTest {

    @Test
    void commands_of_one_initiative_run_one_after_the_other_in_arrival_order() {
        InitiativeLanes lanes = new InitiativeLanes();
        UUID id = UUID.randomUUID();
        List<String> started = new ArrayList<>();
        AtomicReference<UniEmitter<? super String>> running = new AtomicReference<>();
        List<String> answers = new ArrayList<>();
        for (String name : List.of("first", "second", "third")) {
            lanes.run(id, () -> Uni.createFrom().<String>emitter(emitter -> {
                started.add(name);
                running.set(emitter);
            })).subscribe().with(answers::add);
        }

        assertEquals(List.of("first"), started, "the second waits for the first");
        running.get().complete("first done");
        assertEquals(List.of("first", "second"), started);
        running.get().fail(new IllegalStateException("refused"));
        assertEquals(List.of("first", "second", "third"), started, "a failure frees the lane too");
        running.get().complete("third done");

        assertEquals(List.of("first done", "third done"), answers);
        assertEquals(0, lanes.busy(), "an idle lane takes no memory");
    }

    @Test
    void commands_of_different_initiatives_do_not_wait_for_each_other() {
        InitiativeLanes lanes = new InitiativeLanes();
        List<String> started = new ArrayList<>();
        for (String name : List.of("one", "other")) {
            lanes.run(UUID.randomUUID(), () -> Uni.createFrom().<String>emitter(emitter -> started.add(name)))
                    .subscribe().with(ignored -> {
                    });
        }

        assertEquals(List.of("one", "other"), started);
        assertEquals(2, lanes.busy());
    }
}
