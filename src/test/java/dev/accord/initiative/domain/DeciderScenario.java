package dev.accord.initiative.domain;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** given(events) / when(command) / then(event or rejection), with no framework underneath. */
final class DeciderScenario {

    private final List<InitiativeEvent> history;
    private InitiativeCommand command;

    private DeciderScenario(List<InitiativeEvent> history) {
        this.history = history;
    }

    static DeciderScenario given(InitiativeEvent... events) {
        return new DeciderScenario(List.of(events));
    }

    DeciderScenario when(InitiativeCommand command) {
        this.command = command;
        return this;
    }

    void then(InitiativeEvent expected) {
        assertEquals(expected, InitiativeDecider.decide(command, state()));
    }

    <R extends Rejection> R thenRejected(Class<R> kind) {
        return assertThrows(kind, () -> InitiativeDecider.decide(command, state()));
    }

    /** Rejected as invalid, naming exactly these fields. */
    void thenInvalid(String... fields) {
        Rejection.Invalid rejection = thenRejected(Rejection.Invalid.class);
        assertEquals(List.of(fields), rejection.errors().stream().map(Rejection.FieldError::field).toList(),
                () -> "errors were " + rejection.errors());
    }

    private Initiative state() {
        UUID id = command.initiativeId();
        return Initiative.fold(id, history);
    }
}
