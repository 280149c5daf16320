package dev.accord.eventstore;

import java.util.List;

/**
 * Accord's upcaster chain, in order, oldest step first: every stored event is read through it,
 * so the fold, the read models, the events endpoint and the topic see only current types and
 * shapes (docs/event-evolution.md: how to add a step). Written out by hand like {@link EventTypes}.
 */
public final class EventUpcasters {

    public static final UpcasterChain CHAIN = new UpcasterChain(List.of(
            new ParticipantJoinedNestedPerson()));

    private EventUpcasters() {
    }

    /** The type an event stored as {@code storedType} is read, served and published as. */
    public static String currentType(String storedType) {
        return CHAIN.currentType(storedType);
    }
}
