package dev.accord.readmodel;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.accord.readmodel.RowsInMemory.aReadModel;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a listener is told of a notification as PostgreSQL delivers it on the channel. */
class RowChangesTest {

    private final RowChanges changes = new RowChanges();
    private final ReadModel<?> things = aReadModel("things");
    private final ReadModel<?> others = aReadModel("others");
    private final UUID id = UUID.randomUUID();
    private final List<OptionalLong> told = new CopyOnWriteArrayList<>();

    @Test
    void a_listener_is_told_the_version_its_row_was_announced_at() {
        changes.listen(things, id, told::add);

        changes.announce("things:" + id + ":7");

        assertEquals(List.of(OptionalLong.of(7)), told);
    }

    @Test
    void an_announcement_of_its_row_that_names_no_version_tells_the_listener_the_version_is_unknown() {
        changes.listen(things, id, told::add);

        changes.announce("things:" + id);
        changes.announce("things:" + id + ":");
        changes.announce("things:" + id + ":seven");

        assertEquals(List.of(OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty()), told);
    }

    @Test
    void every_listener_is_told_the_version_is_unknown_when_the_listening_connection_is_back() {
        changes.listen(things, id, told::add);
        changes.listen(others, UUID.randomUUID(), told::add);

        changes.announceToAll();

        assertEquals(List.of(OptionalLong.empty(), OptionalLong.empty()), told);
    }

    @Test
    void a_listener_is_not_told_of_other_rows_nor_of_notifications_that_are_not_ours() {
        changes.listen(things, id, told::add);

        changes.announce("others:" + id + ":3");
        changes.announce("things:" + UUID.randomUUID() + ":3");
        changes.announce("things:not-an-initiative:3");
        changes.announce("hello");

        assertEquals(List.of(), told);
    }

    @Test
    void a_closed_registration_is_told_nothing_more() {
        RowChanges.Listening listening = changes.listen(things, id, told::add);
        changes.announce("things:" + id + ":1");

        listening.close();
        listening.close();
        changes.announce("things:" + id + ":2");
        changes.announceToAll();

        assertEquals(List.of(OptionalLong.of(1)), told);
    }

    @Test
    void a_listener_that_needs_no_version_is_told_of_every_change_known_or_not() {
        AtomicInteger changed = new AtomicInteger();
        changes.listen(things, id, changed::incrementAndGet);

        changes.announce("things:" + id + ":1");
        changes.announce("things:" + id);
        changes.announceToAll();

        assertEquals(3, changed.get());
    }
}
