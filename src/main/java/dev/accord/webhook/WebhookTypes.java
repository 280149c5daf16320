package dev.accord.webhook;

import dev.accord.eventstore.EventTypes;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The CloudEvents types a subscription may name: every domain event of the events topic, the
 * alignment state of the state topic and the signals of the signals topic. A type
 * outside this set could never be delivered, so naming one is refused rather than stored.
 */
public final class WebhookTypes {

    public static final String STATE_CHANGED = "accord.AlignmentStateChanged.v1";

    public static final List<String> SIGNALS = List.of(
            "accord.StageReached.v1", "accord.StageSkipped.v1",
            "accord.UnitsDisconnected.v1", "accord.UnitsConnected.v1",
            "accord.CommitmentOverdue.v1", "accord.BandChanged.v1",
            "accord.UnitUnrepresented.v1", "accord.UnitRepresented.v1",
            "accord.RecommendationOpened.v1", "accord.RecommendationClosed.v1");

    private static final Set<String> KNOWN;

    static {
        Set<String> known = new LinkedHashSet<>(EventTypes.all());
        known.add(STATE_CHANGED);
        known.addAll(SIGNALS);
        KNOWN = Collections.unmodifiableSet(known);
    }

    private WebhookTypes() {
    }

    public static Set<String> known() {
        return KNOWN;
    }

    public static boolean isKnown(String type) {
        return KNOWN.contains(type);
    }
}
