package dev.accord.eventstore;

import dev.accord.initiative.domain.InitiativeEvent;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentFulfilled;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentMade;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRenegotiated;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequestDeclined;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentRequested;
import dev.accord.initiative.domain.InitiativeEvent.CommitmentWithdrawn;
import dev.accord.initiative.domain.InitiativeEvent.ContributionAcknowledged;
import dev.accord.initiative.domain.InitiativeEvent.FeedbackGiven;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeCompleted;
import dev.accord.initiative.domain.InitiativeEvent.InitiativeLaunched;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantJoined;
import dev.accord.initiative.domain.InitiativeEvent.ParticipantLeft;
import dev.accord.initiative.domain.InitiativeEvent.PathwayMapped;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityResponded;
import dev.accord.initiative.domain.InitiativeEvent.PossibilityShared;
import dev.accord.initiative.domain.InitiativeEvent.RelationshipEstablished;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The wire names of Accord's events (CloudEvents {@code type}). Written out by hand, never
 * derived from class names: renaming a class must not change what subscribers receive.
 */
public final class EventTypes {

    private static final Map<String, Class<? extends InitiativeEvent>> BY_TYPE = new LinkedHashMap<>();
    private static final Map<Class<? extends InitiativeEvent>, String> BY_CLASS = new LinkedHashMap<>();

    static {
        register("accord.InitiativeLaunched.v1", InitiativeLaunched.class);
        register("accord.ParticipantJoined.v1", ParticipantJoined.class);
        register("accord.ParticipantLeft.v1", ParticipantLeft.class);
        register("accord.RelationshipEstablished.v1", RelationshipEstablished.class);
        register("accord.PossibilityShared.v1", PossibilityShared.class);
        register("accord.PossibilityResponded.v1", PossibilityResponded.class);
        register("accord.PathwayMapped.v1", PathwayMapped.class);
        register("accord.CommitmentRequested.v1", CommitmentRequested.class);
        register("accord.CommitmentRequestDeclined.v1", CommitmentRequestDeclined.class);
        register("accord.CommitmentMade.v1", CommitmentMade.class);
        register("accord.CommitmentRenegotiated.v1", CommitmentRenegotiated.class);
        register("accord.CommitmentFulfilled.v1", CommitmentFulfilled.class);
        register("accord.CommitmentWithdrawn.v1", CommitmentWithdrawn.class);
        register("accord.FeedbackGiven.v1", FeedbackGiven.class);
        register("accord.ContributionAcknowledged.v1", ContributionAcknowledged.class);
        register("accord.InitiativeCompleted.v1", InitiativeCompleted.class);
    }

    private EventTypes() {
    }

    private static void register(String type, Class<? extends InitiativeEvent> eventClass) {
        BY_TYPE.put(type, eventClass);
        BY_CLASS.put(eventClass, type);
    }

    public static String typeOf(InitiativeEvent event) {
        String type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalStateException(event.getClass().getName() + " has no registered wire type");
        }
        return type;
    }

    public static Optional<Class<? extends InitiativeEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    public static Set<String> all() {
        return BY_TYPE.keySet();
    }

    public static Set<Class<? extends InitiativeEvent>> classes() {
        return BY_CLASS.keySet();
    }
}
