package dev.accord.readmodel;

import dev.accord.eventstore.StoredEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * What the replica remembers per initiative: its rows and the parts read models keep beside them,
 * under one bound by weight, the least recently used initiatives forgotten first, one at a time.
 */
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

    /** A part that is a list of items, weighing one per item, as the recommendations kept as JSON do. */
    private static final RowCache.Part<List<String>> ITEMS = new RowCache.Part<>("items", List::size);

    /** Another part, that weighs its number. */
    private static final RowCache.Part<Long> NUMBER = new RowCache.Part<>("number", Long::longValue);

    private static RowCache cache(long maxEvents) {
        return new RowCache(maxEvents);
    }

    private static List<String> items(int count) {
        List<String> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add("item " + i);
        }
        return items;
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

    @Test
    void an_initiative_weighs_its_rows_and_its_parts_and_the_total_is_their_sum() {
        RowCache cache = cache(1_000);
        UUID id = UUID.randomUUID();

        cache.keep(VERSIONS, id, 40, 40L);
        cache.keep(ITEMS, id, items(7));
        cache.keep(NUMBER, id, 5L);
        cache.keep(ITEMS, id, items(3)); // replaces the 7

        assertEquals(40 + 3 + 5, cache.weight(id));
        assertEquals(48, cache.weight());
        assertEquals(1, cache.size());
    }

    @Test
    void the_bound_holds_by_weight_across_many_initiatives() {
        RowCache cache = cache(10_000);
        Random random = new Random(11);
        List<UUID> ids = new ArrayList<>();
        long leastOnceFull = Long.MAX_VALUE;
        for (int i = 0; i < 2_000; i++) {
            UUID id = UUID.randomUUID();
            ids.add(id);
            long version = 1 + random.nextInt(400);
            cache.keep(VERSIONS, id, version, version);
            cache.keep(ITEMS, id, items(random.nextInt(50)));
            cache.keep(NUMBER, ids.get(random.nextInt(ids.size())), (long) random.nextInt(200));

            assertTrue(cache.weight() <= 10_000, "kept " + cache.weight() + " after " + (i + 1) + " initiatives");
            if (cache.size() < ids.size()) {
                leastOnceFull = Math.min(leastOnceFull, cache.weight());
            }
        }

        assertEquals(ids.stream().mapToLong(cache::weight).sum(), cache.weight(), "the total is what is kept");
        assertTrue(cache.size() < ids.size(), "some initiatives were forgotten");
        // an initiative weighs at most 400 + 49 + 199: forgetting one at a time never empties the cache
        assertTrue(leastOnceFull > 10_000 - 1_000, "no cliff: at least " + leastOnceFull + " kept once full");
    }

    @Test
    void the_least_recently_used_initiative_is_forgotten_alone_and_with_everything_kept_for_it() {
        RowCache cache = cache(100);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        UUID third = UUID.randomUUID();
        UUID fourth = UUID.randomUUID();
        cache.keep(VERSIONS, first, 20, 20L);
        cache.keep(ITEMS, first, items(10));
        cache.keep(VERSIONS, second, 20, 20L);
        cache.keep(ITEMS, second, items(10));
        cache.keep(VERSIONS, third, 35, 35L);
        cache.get(ITEMS, first); // the first is used again: the second is now the least recently used

        cache.keep(NUMBER, fourth, 15L); // 95 + 15 passes 100 by 10: one initiative goes

        assertEquals(Optional.empty(), cache.get(VERSIONS, second), "the least recently used went");
        assertEquals(Optional.empty(), cache.get(ITEMS, second), "with everything kept for it");
        assertEquals(Optional.of(20L), cache.at(VERSIONS, first, 20));
        assertEquals(Optional.of(items(10)), cache.get(ITEMS, first));
        assertEquals(Optional.of(35L), cache.at(VERSIONS, third, 35), "one at a time: the next one stayed");
        assertEquals(Optional.of(15L), cache.get(NUMBER, fourth));
        assertEquals(30 + 35 + 15, cache.weight());
        assertEquals(3, cache.size());
    }

    @Test
    void a_part_heavier_than_what_the_bound_leaves_its_initiative_is_not_kept_and_the_rest_stays() {
        RowCache cache = cache(100);
        UUID id = UUID.randomUUID();
        cache.keep(VERSIONS, id, 60, 60L);
        cache.keep(ITEMS, id, items(5));

        cache.keep(ITEMS, id, items(50));

        assertEquals(Optional.empty(), cache.get(ITEMS, id), "neither the new items nor the ones they replace");
        assertEquals(Optional.of(60L), cache.at(VERSIONS, id, 60));
        assertEquals(60, cache.weight());
    }

    @Test
    void a_part_is_taken_out_only_when_it_is_the_one_asked_for_and_then_it_is_no_longer_kept() {
        RowCache cache = cache(1_000);
        UUID id = UUID.randomUUID();
        List<String> kept = items(4);
        cache.keep(ITEMS, id, kept);

        Optional<List<String>> notThatOne = cache.take(ITEMS, id, present -> present == items(4));
        Optional<List<String>> taken = cache.take(ITEMS, id, present -> present == kept);
        Optional<List<String>> again = cache.take(ITEMS, id, present -> present == kept);

        assertEquals(Optional.empty(), notThatOne, "an equal list is not the very one kept");
        assertTrue(taken.isPresent() && taken.get() == kept);
        assertEquals(Optional.empty(), again, "taken once");
        assertEquals(0, cache.weight());
        assertEquals(0, cache.size());
    }

    @Test
    void a_merge_keeps_what_the_choice_gives_and_the_weight_follows_it() {
        RowCache cache = cache(1_000);
        UUID id = UUID.randomUUID();
        cache.keep(NUMBER, id, 9L);

        Long lower = cache.merge(NUMBER, id, 4L, Math::max);
        Long higher = cache.merge(NUMBER, id, 30L, Math::max);

        assertEquals(9L, lower);
        assertEquals(30L, higher);
        assertEquals(30, cache.weight());
    }

    @Test
    void forgetting_a_part_everywhere_leaves_the_rows_and_the_other_parts() {
        RowCache cache = cache(1_000);
        UUID one = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        cache.keep(VERSIONS, one, 10, 10L);
        cache.keep(ITEMS, one, items(3));
        cache.keep(ITEMS, other, items(6));
        cache.keep(NUMBER, other, 2L);

        cache.forget(ITEMS);

        assertEquals(Optional.empty(), cache.get(ITEMS, one));
        assertEquals(Optional.empty(), cache.get(ITEMS, other));
        assertEquals(Optional.of(10L), cache.at(VERSIONS, one, 10));
        assertEquals(Optional.of(2L), cache.get(NUMBER, other));
        assertEquals(12, cache.weight());
    }

    @Test
    void many_threads_keeping_taking_and_forgetting_leave_a_total_equal_to_what_is_kept() throws Exception {
        RowCache cache = cache(5_000);
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(UUID.randomUUID());
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        List<Callable<Long>> work = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            long seed = t;
            work.add(() -> {
                Random random = new Random(seed);
                long aboveBound = 0;
                for (int i = 0; i < 20_000; i++) {
                    UUID id = ids.get(random.nextInt(ids.size()));
                    long version = 1 + random.nextInt(300);
                    switch (random.nextInt(6)) {
                        case 0 -> cache.keep(VERSIONS, id, version, version);
                        case 1 -> cache.keep(ITEMS, id, items(random.nextInt(40)));
                        case 2 -> cache.merge(NUMBER, id, version, Math::max);
                        case 3 -> cache.take(NUMBER, id, number -> number % 2 == 0);
                        case 4 -> cache.forget(VERSIONS, id);
                        default -> cache.get(ITEMS, id);
                    }
                    if (cache.weight() > 5_000) {
                        aboveBound++;
                    }
                }
                return aboveBound;
            });
        }
        long aboveBound = 0;
        try {
            for (Future<Long> done : threads.invokeAll(work)) {
                aboveBound += done.get();
            }
        } finally {
            threads.shutdown();
        }

        assertEquals(0, aboveBound, "the bound held whenever it was looked at");
        assertEquals(ids.stream().mapToLong(cache::weight).sum(), cache.weight());
        assertFalse(cache.size() > ids.size());
    }

    @Test
    void a_bound_of_no_events_or_beyond_the_most_is_refused_at_start_naming_the_setting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, new RowCache(0)::checkBound);
        assertEquals("accord.read-model.cache.max-events must be between 1 and 50000000, not 0", refused.getMessage());
        assertThrows(IllegalArgumentException.class, new RowCache(RowCache.MAX_BOUND + 1)::checkBound);
        assertDoesNotThrow(new RowCache(1)::checkBound);
        assertDoesNotThrow(new RowCache(RowCache.MAX_BOUND)::checkBound);
    }
}
