package dev.accord.readmodel;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.UUID;

/**
 * The read model rows this replica last folded or read, each at the version it was at, so that
 * neither the projection nor a reader parses a row again while its version has not moved. A row
 * is only ever used when the table still holds that very version (the projection checks under
 * the row lock, a reader with the version it reads), so what is kept here is never authoritative.
 * <p>
 * The cache is bounded by weight: a row weighs the events folded into it, and the least recently
 * used rows are dropped once the total passes {@code accord.read-model.cache.max-events}.
 */
@ApplicationScoped
public class RowCache {

    private record Key(String model, UUID initiativeId) {
    }

    /** A row and the version of the table it was read or written at. */
    public record Cached<R>(long version, R row, long weight) {
    }

    @ConfigProperty(name = "accord.read-model.cache.max-events", defaultValue = "500000")
    long maxWeight;

    private final LinkedHashMap<Key, Cached<?>> rows = new LinkedHashMap<>(1024, 0.75f, true);
    private long weight;

    /** The row last kept for the initiative in the read model, whatever its version. */
    @SuppressWarnings("unchecked")
    public synchronized <R> Optional<Cached<R>> get(ReadModel<R> model, UUID initiativeId) {
        return Optional.ofNullable((Cached<R>) rows.get(new Key(model.name(), initiativeId)));
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
        Key key = new Key(model.name(), initiativeId);
        Cached<?> present = rows.get(key);
        if (present != null && present.version() > version) {
            return;
        }
        long rowWeight = Math.max(1, model.weight(row));
        if (rowWeight > maxWeight) {
            forget(key);
            return;
        }
        Cached<?> replaced = rows.put(key, new Cached<>(version, row, rowWeight));
        weight += rowWeight - (replaced == null ? 0 : replaced.weight());
        Iterator<Cached<?>> eldest = rows.values().iterator();
        while (weight > maxWeight && eldest.hasNext()) {
            Cached<?> dropped = eldest.next();
            weight -= dropped.weight();
            eldest.remove();
        }
    }

    /** Drops the row (a transaction that wrote it failed, so what the table holds is unknown). */
    public void forget(ReadModel<?> model, UUID initiativeId) {
        forget(new Key(model.name(), initiativeId));
    }

    private synchronized void forget(Key key) {
        Cached<?> dropped = rows.remove(key);
        if (dropped != null) {
            weight -= dropped.weight();
        }
    }

    /** The total weight kept, in events. */
    public synchronized long weight() {
        return weight;
    }

    /** How many rows are kept. */
    public synchronized int size() {
        return rows.size();
    }

    /** Forgets every row. */
    public synchronized void clear() {
        rows.clear();
        weight = 0;
    }
}
