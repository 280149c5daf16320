package dev.accord.readmodel;

import dev.accord.eventstore.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.List;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The replica's row cache: bounded by the events its rows hold, least recently used dropped first. */
class RowCacheTest {

    /** A row that is only its version; it weighs its version, as folded rows do. */
    private static final ReadModel<Long> VERSIONS = new ReadModel<>() {
        @Override
        public String name() {
            return "versions";
        }

        @Override
        public String table() {
            return "versions";
        }

        @Override
        public String documentColumn() {
            return "document";
        }

        @Override
        public Long read(String document) {
            return Long.valueOf(document);
        }

        @Override
        public String write(Long row) {
            return row.toString();
        }

        @Override
        public long version(Long row) {
            return row;
        }

        @Override
        public Folding<Long> folding(Long row) {
            return new Folding<>() {
                private Long version = row;

                @Override
                public void apply(StoredEvent event) {
                    version = event.version();
                }

                @Override
                public Long row() {
                    return version;
                }
            };
        }

        @Override
        public Uni<Void> save(SqlClient connection, Long row, List<StoredEvent> events) {
            return Uni.createFrom().voidItem();
        }
    };

    private static RowCache cache(long maxEvents) {
        RowCache cache = new RowCache();
        cache.maxWeight = maxEvents;
        return cache;
    }

    @Test
    void the_least_recently_used_rows_are_dropped_once_the_events_held_pass_the_bound() {
        RowCache cache = cache(100);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        cache.keep(VERSIONS, first, 40, 40L);
        cache.keep(VERSIONS, second, 40, 40L);
        cache.get(VERSIONS, first);
        cache.keep(VERSIONS, third, 30, 30L);

        assertEquals(70, cache.weight());
        assertEquals(Optional.of(40L), cache.at(VERSIONS, first, 40));
        assertEquals(Optional.empty(), cache.at(VERSIONS, second, 40), "the least recently used went");
        assertEquals(Optional.of(30L), cache.at(VERSIONS, third, 30));
    }

    @Test
    void a_row_heavier_than_the_whole_bound_is_not_kept_and_its_older_version_goes() {
        RowCache cache = cache(100);
        UUID id = UUID.randomUUID();
        cache.keep(VERSIONS, id, 50, 50L);
        cache.keep(VERSIONS, id, 150, 150L);

        assertEquals(0, cache.size());
        assertEquals(0, cache.weight());
    }

    @Test
    void an_older_version_never_replaces_a_later_one_and_a_row_is_only_answered_at_its_version() {
        RowCache cache = cache(1_000);
        UUID id = UUID.randomUUID();
        cache.keep(VERSIONS, id, 7, 7L);
        cache.keep(VERSIONS, id, 5, 5L);

        assertEquals(7, cache.version(VERSIONS, id));
        assertEquals(Optional.empty(), cache.at(VERSIONS, id, 5));
        assertEquals(Optional.of(7L), cache.at(VERSIONS, id, 7));
        assertEquals(7, cache.weight());
    }

    @Test
    void a_forgotten_row_is_unknown_and_weighs_nothing() {
        RowCache cache = cache(1_000);
        UUID id = UUID.randomUUID();
        cache.keep(VERSIONS, id, 9, 9L);
        cache.forget(VERSIONS, id);

        assertEquals(0, cache.version(VERSIONS, id));
        assertTrue(cache.get(VERSIONS, id).isEmpty());
        assertEquals(0, cache.weight());
    }
}
