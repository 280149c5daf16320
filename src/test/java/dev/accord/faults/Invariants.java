package dev.accord.faults;

import dev.accord.faults.LoadClients.Receipt;
import dev.accord.faults.StoreInspector.TopicCensus;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * What must hold after any fault, once the service had time to recover: every acknowledged
 * command is in the store and on the topic, nothing is half-written, every stream is gapless
 * from 1, and both read models equal the fold of the store.
 */
final class Invariants {

    static final Duration RECOVERY_TIMEOUT = Duration.ofSeconds(90);

    private Invariants() {
    }

    /**
     * Checks everything and records the figures; {@code receipts} are every 2xx answer the
     * scenario got, {@code faultEnded} ({@link System#nanoTime()}) is when the fault was lifted,
     * from which the time to recover is counted.
     */
    static void check(FaultEnvironment environment, List<Receipt> receipts, long faultEnded, Figures figures) {
        StoreInspector store = environment.store();
        figures.put("commandsAcknowledged", receipts.size());

        Duration drained = timed(figures, "outbox drained", () -> store.awaitOutboxDrained(RECOVERY_TIMEOUT));
        figures.put("timeToDrainOutbox", drained == null ? "not within " + RECOVERY_TIMEOUT.toSeconds() + " s" : drained);

        List<Receipt> notStored = store.missingFromStore(receipts);
        figures.put("acknowledgedFoundInStore", receipts.size() - notStored.size());
        figures.check("every acknowledged command is in the store", notStored.isEmpty(), notStored);

        TopicCensus topic = store.topic();
        List<Receipt> notPublished = topic.missing(receipts);
        figures.put("acknowledgedFoundOnTopic", receipts.size() - notPublished.size());
        figures.put("eventsInStore", store.events());
        figures.put("recordsOnTopic", topic.records());
        figures.put("duplicatesOnTopic", topic.duplicates());
        figures.check("every acknowledged command is on the topic", notPublished.isEmpty(), notPublished);

        long halfWritten = store.halfWritten(topic);
        figures.put("halfWritten", halfWritten);
        figures.check("no event neither in the outbox nor on the topic, and no outbox row without its event",
                halfWritten == 0, halfWritten + " rows");
        List<String> gaps = store.versionGaps();
        figures.check("every initiative's versions run from 1 without gaps", gaps.isEmpty(), gaps);

        Duration projected = timed(figures, "read models caught up", () -> store.awaitProjected(RECOVERY_TIMEOUT));
        figures.put("timeToRecover", projected == null ? "not within " + RECOVERY_TIMEOUT.toSeconds() + " s"
                : Duration.ofNanos(System.nanoTime() - faultEnded));
        List<String> differences = environment.readModels().differencesFromStore();
        figures.put("readModelsDifferingFromStore", differences.size());
        figures.check("every read model equals the fold of the store", differences.isEmpty(), differences);
    }

    /** Runs a wait; a wait that runs out is a failed check rather than an end to the scenario. */
    static Duration timed(Figures figures, String check, Supplier<Duration> await) {
        try {
            Duration took = await.get();
            figures.check(check, true, "");
            return took;
        } catch (AssertionError e) {
            figures.check(check, false, e.getMessage());
            return null;
        }
    }
}
