package dev.accord.initiative.application;

import dev.accord.initiative.domain.Initiative;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Folded initiatives kept between commands, each at the version it was folded to, so a command
 * need not read its initiative's stream again. A copy here may be behind the store (another
 * replica appended), never ahead: it is put only after an append committed or from what the
 * store returned. The unique (initiative, version) catches a copy that is behind.
 *
 * <p>Bounded by weight: an initiative weighs its version (about what it costs to fold again),
 * and the least recently used go once the total passes {@code maxWeight}. Thread-safe.
 */
final class FoldedInitiatives {

    private final long maxWeight;
    private final Map<UUID, Initiative> states = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    FoldedInitiatives(long maxWeight) {
        this.maxWeight = maxWeight;
    }

    synchronized Optional<Initiative> get(UUID initiativeId) {
        return Optional.ofNullable(states.get(initiativeId));
    }

    /**
     * Keeps {@code state} unless a newer copy is already kept. An initiative that was never
     * launched is not kept: any id can be asked for.
     */
    synchronized void put(Initiative state) {
        if (state.version() == 0 || state.version() > maxWeight) {
            return;
        }
        Initiative kept = states.get(state.initiativeId());
        if (kept != null && kept.version() >= state.version()) {
            return;
        }
        states.put(state.initiativeId(), state);
        weight += state.version() - (kept == null ? 0 : kept.version());
        evictBeyondBound();
    }

    /** Forgets an initiative whose stored state is unknown (an append that may or may not have committed). */
    synchronized void forget(UUID initiativeId) {
        Initiative kept = states.remove(initiativeId);
        if (kept != null) {
            weight -= kept.version();
        }
    }

    synchronized long weight() {
        return weight;
    }

    synchronized int size() {
        return states.size();
    }

    private void evictBeyondBound() {
        Iterator<Initiative> eldest = states.values().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= eldest.next().version();
            eldest.remove();
        }
    }
}
