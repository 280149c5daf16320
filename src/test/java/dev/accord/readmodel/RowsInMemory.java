package dev.accord.readmodel;

import dev.accord.eventstore.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.inject.Vetoed;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Read model tables kept in memory, for the waiting reads to look at without a database: each
 * row is only its version, and every look is counted as the query it stands for.
 */
final class RowsInMemory {

    /** A row that is only its version. */
    record Versioned(long version) {
    }

    /** A read model of such rows, named after its table. */
    static ReadModel<Versioned> aReadModel(String name) {
        return new ReadModel<>() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String table() {
                return name + "_view";
            }

            @Override
            public String documentColumn() {
                return "document";
            }

            @Override
            public Versioned read(String document) {
                return new Versioned(Long.parseLong(document));
            }

            @Override
            public String write(Versioned row) {
                return Long.toString(row.version());
            }

            @Override
            public long version(Versioned row) {
                return row.version();
            }

            @Override
            public Folding<Versioned> folding(Versioned row) {
                throw new UnsupportedOperationException("rows in memory are only moved by the test");
            }

            @Override
            public Uni<Void> save(SqlClient connection, Versioned row, List<StoredEvent> events) {
                throw new UnsupportedOperationException("rows in memory are only moved by the test");
            }
        };
    }

    private final Map<String, Map<UUID, Long>> tables = new ConcurrentHashMap<>();
    private final AtomicInteger rowReads = new AtomicInteger();
    private final AtomicInteger versionReads = new AtomicInteger();

    /** Sets the row's version, as a projection would, without announcing it. */
    void move(ReadModel<?> model, UUID initiativeId, long version) {
        tables.computeIfAbsent(model.name(), name -> new ConcurrentHashMap<>()).put(initiativeId, version);
    }

    /** How many single rows were read (each a query). */
    int rowReads() {
        return rowReads.get();
    }

    /** How many reads of many rows' versions were made (each a query). */
    int versionReads() {
        return versionReads.get();
    }

    ReadModelRows rows() {
        return new Rows();
    }

    RowVersions versions() {
        return new Versions();
    }

    private Map<UUID, Long> table(ReadModel<?> model) {
        return tables.getOrDefault(model.name(), Map.of());
    }

    @Vetoed
    private final class Rows extends ReadModelRows {
        @Override
        public <R> Uni<Optional<R>> find(ReadModel<R> model, UUID initiativeId) {
            return Uni.createFrom().item(() -> {
                rowReads.incrementAndGet();
                Long version = table(model).get(initiativeId);
                return version == null ? Optional.empty() : Optional.of(model.read(Long.toString(version)));
            });
        }
    }

    @Vetoed
    private final class Versions extends RowVersions {
        @Override
        public Uni<Map<UUID, Long>> of(ReadModel<?> model, Collection<UUID> initiativeIds) {
            return Uni.createFrom().item(() -> {
                versionReads.incrementAndGet();
                Map<UUID, Long> found = new ConcurrentHashMap<>();
                initiativeIds.forEach(id -> {
                    Long version = table(model).get(id);
                    if (version != null) {
                        found.put(id, version);
                    }
                });
                return found;
            });
        }
    }
}
