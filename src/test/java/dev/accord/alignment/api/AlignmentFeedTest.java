package dev.accord.alignment.api;

import dev.accord.alignment.domain.AlignmentState;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** How one subscriber's feed coalesces changes, without a server: states as "version@score". */
class AlignmentFeedTest {

    private static final UUID INITIATIVE = UUID.randomUUID();

    private final AtomicReference<AlignmentState> current = new AtomicReference<>(state(1, 10));
    private final AtomicInteger reads = new AtomicInteger();
    private final AtomicInteger ends = new AtomicInteger();

    private static AlignmentState state(long version, int score) {
        return new AlignmentState(INITIATIVE, version, Instant.now(), null, score, null, List.of(), List.of(), null,
                null, null, null, null, List.of(), List.of(), null);
    }

    private AlignmentFeed<String> feed(Long lastEventId) {
        return new AlignmentFeed<>(() -> {
            reads.incrementAndGet();
            return Uni.createFrom().item(Optional.of(current.get()));
        }, state -> state.version() + "@" + state.score(), "beat", lastEventId);
    }

    private AssertSubscriber<String> subscribe(AlignmentFeed<String> feed, long demand) {
        return feed.events(Optional.of(current.get()), ends::incrementAndGet).subscribe()
                .withSubscriber(AssertSubscriber.create(demand));
    }

    private void change(AlignmentFeed<String> feed, long version, int score) {
        current.set(state(version, score));
        feed.changed();
    }

    @Test
    void a_subscriber_that_falls_behind_is_not_failed_and_gets_the_newest_state_when_it_asks() {
        AlignmentFeed<String> feed = feed(null);
        AssertSubscriber<String> subscriber = subscribe(feed, 1);
        for (int version = 2; version <= 50; version++) {
            change(feed, version, version);
        }
        subscriber.assertNotTerminated().assertItems("1@10");

        subscriber.request(10);
        subscriber.assertNotTerminated().assertItems("1@10", "50@50");
    }

    @Test
    void a_state_older_than_one_already_sent_is_not_sent() {
        AlignmentFeed<String> feed = feed(null);
        AssertSubscriber<String> subscriber = subscribe(feed, 10);
        change(feed, 3, 30);
        change(feed, 2, 20);
        subscriber.assertItems("1@10", "3@30");
    }

    @Test
    void the_same_version_is_sent_again_only_when_a_due_date_passing_changed_it() {
        AlignmentFeed<String> feed = feed(null);
        AssertSubscriber<String> subscriber = subscribe(feed, 10);
        change(feed, 1, 10);
        subscriber.assertItems("1@10");
        change(feed, 1, 7);
        subscriber.assertItems("1@10", "1@7");
    }

    @Test
    void a_client_that_has_the_current_version_gets_only_what_follows() {
        AlignmentFeed<String> feed = feed(1L);
        AssertSubscriber<String> subscriber = subscribe(feed, 10);
        change(feed, 1, 10);
        subscriber.assertItems();
        change(feed, 2, 20);
        subscriber.assertItems("2@20");
    }

    @Test
    void a_change_between_the_first_read_and_the_subscription_is_sent() {
        AlignmentFeed<String> feed = feed(null);
        AlignmentState first = current.get();
        change(feed, 2, 20);
        AssertSubscriber<String> subscriber = feed.events(Optional.of(first), ends::incrementAndGet).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        subscriber.assertItems("1@10", "2@20");
    }

    @Test
    void a_stream_opened_before_the_first_projection_sends_the_state_that_projection_brings() {
        AlignmentFeed<String> feed = feed(null);
        AssertSubscriber<String> subscriber = feed.events(Optional.empty(), ends::incrementAndGet).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        subscriber.assertHasNotReceivedAnyItem();
        change(feed, 1, 10);
        subscriber.assertItems("1@10");
    }

    @Test
    void one_read_at_a_time_however_many_changes_come_meanwhile() {
        List<CompletableFuture<Optional<AlignmentState>>> pending = new ArrayList<>();
        AlignmentFeed<String> feed = new AlignmentFeed<>(() -> {
            CompletableFuture<Optional<AlignmentState>> read = new CompletableFuture<>();
            pending.add(read);
            return Uni.createFrom().completionStage(read);
        }, state -> state.version() + "@" + state.score(), "beat", null);
        AssertSubscriber<String> subscriber = subscribe(feed, 10);
        for (int i = 0; i < 20; i++) {
            feed.changed();
        }
        assertEquals(1, pending.size(), "one read while one is in flight");

        pending.get(0).complete(Optional.of(state(5, 50)));
        assertEquals(2, pending.size(), "the changes during the read are read once more");
        pending.get(1).complete(Optional.of(state(9, 90)));
        assertEquals(2, pending.size());
        subscriber.assertItems("1@10", "5@50", "9@90");
    }

    @Test
    void a_failed_read_is_retried_at_the_next_heartbeat() {
        AtomicInteger attempt = new AtomicInteger();
        AlignmentFeed<String> feed = new AlignmentFeed<>(() -> attempt.incrementAndGet() == 1
                ? Uni.createFrom().failure(new IllegalStateException("connection lost"))
                : Uni.createFrom().item(Optional.of(state(2, 20))), state -> state.version() + "@" + state.score(),
                "beat", null);
        AssertSubscriber<String> subscriber = subscribe(feed, 10);
        feed.changed();
        subscriber.assertNotTerminated().assertItems("1@10");
        feed.beat();
        subscriber.assertItems("1@10", "beat", "2@20");
    }

    @Test
    void a_heartbeat_goes_only_to_a_subscriber_that_took_everything() {
        AlignmentFeed<String> feed = feed(null);
        AssertSubscriber<String> subscriber = subscribe(feed, 1);
        feed.beat();
        subscriber.assertItems("1@10");
        subscriber.request(1);
        feed.beat();
        subscriber.assertItems("1@10", "beat");
    }

    @Test
    void completing_ends_the_stream_normally_and_releases_it_once() {
        AlignmentFeed<String> feed = feed(null);
        AssertSubscriber<String> subscriber = subscribe(feed, 10);
        feed.complete();
        subscriber.assertCompleted();
        change(feed, 2, 20);
        subscriber.assertItems("1@10");
        assertEquals(1, ends.get());
    }

    @Test
    void a_feed_completed_before_anyone_subscribed_ends_at_once() {
        AlignmentFeed<String> feed = feed(null);
        feed.complete();
        subscribe(feed, 10).assertCompleted().assertItems();
        assertEquals(1, ends.get());
    }

    @Test
    void a_subscriber_that_leaves_releases_the_stream() {
        AlignmentFeed<String> feed = feed(null);
        subscribe(feed, 10).cancel();
        assertEquals(1, ends.get());
        assertEquals(0, reads.get());
    }
}
