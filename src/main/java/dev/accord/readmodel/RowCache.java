package dev.accord.readmodel;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;

/**
 * What this replica remembers per initiative, under one bound: the read model rows it last folded
 * or read, each at the version it was at, so that neither the projection nor a reader parses a row
 * again while its version has not moved; and beside them the {@link Part parts} a read model keeps
 * to go faster next time (the alignment read model's kept fold, the state it last evaluated and
 * last saw published, the JSON of its recommendations). Nothing kept here is authoritative: a row
 * is only used when the table still holds that very version (the projection checks under the row
 * lock, a reader with the version it reads), and every part says how its user checks it is still
 * the one it needs. So forgetting anything costs a recomputation, never a wrong answer.
 * <p>
 * <b>Weight.</b> Everything kept is weighed in one unit, an event folded: a row weighs the events
 * folded into it ({@link ReadModel#weight}), a part what its {@link Part#Part weigher} says (each
 * says what it counts; at least 1). An initiative weighs everything kept for it, and the replica
 * the sum over its initiatives, kept at or below {@code accord.read-model.cache.max-events}: once
 * a keep passes it, the least recently used initiatives are forgotten, one at a time and each with
 * everything kept for it (its rows and parts go together: a kept fold is of no use without the very
 * row it gave), until the total is back under the bound. Using anything kept for an initiative
 * makes it the most recently used. A row or part that would make its initiative alone weigh
 * more than the whole bound is not kept, and what it replaces is forgotten.
 * <p>
 * The weights are counts of what grows with an initiative's history, not bytes; over the mix the
 * alignment and details read models keep, a unit retained 55 to 80 bytes in the JVM
 * ({@code bench/probes/RetainedMemory}, docs/PERFORMANCE.md), so the default bound holds a few
 * tens of MiB.
 * <p>
 * One lock guards it all, so the total always equals the sum of what is kept; the weighers run
 * under it and are to be cheap (a version, a size).
 */
@ApplicationScoped
public class RowCache {

    /**
     * One kind of thing a read model keeps per initiative beside its rows, and what one weighs in
     * events (the unit of {@code accord.read-model.cache.max-events}). Parts are told apart by
     * identity: a read model declares each once, as a constant.
     */
    public static final class Part<T> {

        private final String name;
        private final ToLongFunction<? super T> weigher;

        public Part(String name, ToLongFunction<? super T> weigher) {
            this.name = name;
            this.weigher = weigher;
        }

        long weigh(T value) {
            return Math.max(1, weigher.applyAsLong(value));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** A row and the version of the table it was read or written at. */
    public record Cached<R>(long version, R row, long weight) {
    }

    /** The most {@code accord.read-model.cache.max-events} may be: at 55-80 bytes per event weighed, a few GiB. */
    static final long MAX_BOUND = 50_000_000;

    @ConfigProperty(name = "accord.read-model.cache.max-events", defaultValue = "500000")
    long maxWeight;

    /** For injection: the bound is then the configuration's. */
    public RowCache() {
    }

    /** A bound out of range would show only as a replica that keeps nothing, or too much: it is refused at start. */
    @PostConstruct
    void checkBound() {
        if (maxWeight < 1 || maxWeight > MAX_BOUND) {
            throw new IllegalArgumentException("accord.read-model.cache.max-events must be between 1 and " + MAX_BOUND
                    + ", not " + maxWeight);
        }
    }

    /** A cache bounded by {@code maxWeight} events, outside the container (tests, probes). */
    public RowCache(long maxWeight) {
        this.maxWeight = maxWeight;
    }

    /** Everything kept for one initiative, by part, and what it weighs in all. */
    private static final class Kept {
        private final Map<Part<?>, Held> parts = new HashMap<>(8);
        private long weight;
    }

    /** A value kept and its weight when it was kept. */
    private record Held(Object value, long weight) {
    }

    /** In access order: the least recently used initiative first. */
    private final LinkedHashMap<UUID, Kept> initiatives = new LinkedHashMap<>(1024, 0.75f, true);
    /** The part each read model's rows are kept under, by read model name. */
    private final Map<String, Part<Cached<?>>> rowParts = new HashMap<>();
    private long weight;

    /** The row last kept for the initiative in the read model, whatever its version. */
    @SuppressWarnings("unchecked")
    public synchronized <R> Optional<Cached<R>> get(ReadModel<R> model, UUID initiativeId) {
        return get(rows(model), initiativeId).map(cached -> (Cached<R>) cached);
    }

    /** The row at {@code version}, if that is what is kept. */
    public <R> Optional<R> at(ReadModel<R> model, UUID initiativeId, long version) {
        return get(model, initiativeId).filter(cached -> cached.version() == version).map(Cached::row);
    }

    /** The highest version this replica knows the read model applied for the initiative; 0 when unknown. */
    public long version(ReadModel<?> model, UUID initiativeId) {
        return get(model, initiativeId).map(Cached::version).orElse(0L);
    }

    /** Keeps {@code row}, read or written at {@code version}, unless a later version is kept already. */
    public synchronized <R> void keep(ReadModel<R> model, UUID initiativeId, long version, R row) {
        Part<Cached<?>> rows = rows(model);
        Optional<Cached<?>> present = get(rows, initiativeId);
        if (present.isPresent() && present.get().version() > version) {
            return;
        }
        keep(rows, initiativeId, new Cached<>(version, row, Math.max(1, model.weight(row))));
    }

    /** Drops the row (a transaction that wrote it failed, so what the table holds is unknown). */
    public synchronized void forget(ReadModel<?> model, UUID initiativeId) {
        forget(rows(model), initiativeId);
    }

    /** What is kept of {@code part} for the initiative; using it makes the initiative the most recently used. */
    @SuppressWarnings("unchecked")
    public synchronized <T> Optional<T> get(Part<T> part, UUID initiativeId) {
        Kept kept = initiatives.get(initiativeId);
        Held held = kept == null ? null : kept.parts.get(part);
        return held == null ? Optional.empty() : Optional.of((T) held.value());
    }

    /** Keeps {@code value} as the initiative's {@code part}, in place of what was kept, then holds the bound. */
    public synchronized <T> void keep(Part<T> part, UUID initiativeId, T value) {
        long valueWeight = part.weigh(value);
        Kept kept = initiatives.get(initiativeId);
        Held replaced = kept == null ? null : kept.parts.get(part);
        long besides = kept == null ? 0 : kept.weight - (replaced == null ? 0 : replaced.weight());
        if (besides + valueWeight > maxWeight) {
            forget(part, initiativeId);
            return;
        }
        if (kept == null) {
            kept = new Kept();
            initiatives.put(initiativeId, kept);
        }
        kept.parts.put(part, new Held(value, valueWeight));
        long change = valueWeight - (replaced == null ? 0 : replaced.weight());
        kept.weight += change;
        weight += change;
        // the initiative just kept is the most recently used, and alone within the bound: it stays
        Iterator<Kept> eldest = initiatives.values().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            weight -= eldest.next().weight;
            eldest.remove();
        }
    }

    /**
     * Keeps {@code choose(kept, value)} as the initiative's {@code part}, or {@code value} when
     * nothing is kept; one step, so two callers cannot both miss the other's.
     *
     * @return what is kept now
     */
    public synchronized <T> T merge(Part<T> part, UUID initiativeId, T value, BinaryOperator<T> choose) {
        T chosen = get(part, initiativeId).map(kept -> choose.apply(kept, value)).orElse(value);
        keep(part, initiativeId, chosen);
        return chosen;
    }

    /**
     * Takes the initiative's {@code part} out, if it is kept and {@code which} accepts it: it is
     * then the caller's alone, and no longer kept.
     */
    public synchronized <T> Optional<T> take(Part<T> part, UUID initiativeId, Predicate<? super T> which) {
        Optional<T> kept = get(part, initiativeId);
        if (kept.isEmpty() || !which.test(kept.get())) {
            return Optional.empty();
        }
        forget(part, initiativeId);
        return kept;
    }

    /** Forgets the initiative's {@code part}. */
    public synchronized void forget(Part<?> part, UUID initiativeId) {
        Kept kept = initiatives.get(initiativeId);
        Held dropped = kept == null ? null : kept.parts.remove(part);
        if (dropped == null) {
            return;
        }
        kept.weight -= dropped.weight();
        weight -= dropped.weight();
        if (kept.parts.isEmpty()) {
            initiatives.remove(initiativeId);
        }
    }

    /** Forgets {@code part} of every initiative. */
    public synchronized void forget(Part<?> part) {
        for (UUID initiativeId : initiatives.keySet().toArray(UUID[]::new)) {
            forget(part, initiativeId);
        }
    }

    /** The total weight kept, in events. */
    public synchronized long weight() {
        return weight;
    }

    /** What is kept for the initiative weighs, in events; 0 when nothing is. Asking is a use, as any other. */
    public synchronized long weight(UUID initiativeId) {
        Kept kept = initiatives.get(initiativeId);
        return kept == null ? 0 : kept.weight;
    }

    /** How many initiatives something is kept for. */
    public synchronized int size() {
        return initiatives.size();
    }

    /** Forgets everything. */
    public synchronized void clear() {
        initiatives.clear();
        weight = 0;
    }

    private Part<Cached<?>> rows(ReadModel<?> model) {
        return rowParts.computeIfAbsent(model.name(), name -> new Part<>(name + " row", Cached::weight));
    }
}
