package dev.accord.initiative.application;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * One lane per initiative: this replica runs the commands of one initiative one after the
 * other, so they never lose the race for the next version to each other and retry. Commands of
 * different initiatives run side by side.
 *
 * <p>When the lane becomes free, what is queued on it runs together as one group (at most
 * {@code groupMax}, in arrival order; work that must run {@code alone} forms a group of its own).
 * Nothing waits for company: a lone command starts at once. Each command is answered, once its
 * group has finished, on the Vert.x context it arrived on.
 *
 * @param <W> a command as queued
 * @param <R> what a command answers
 */
final class InitiativeLanes<W, R> {

    /** Runs one group, in order, and answers one outcome per member, in the same order. */
    @FunctionalInterface
    interface Group<W, R> {
        Uni<List<Outcome<R>>> run(UUID initiativeId, List<W> members);
    }

    private final int groupMax;
    private final Predicate<W> alone;
    private final Group<W, R> group;
    /** The busy lanes, each with what waits on it; an idle lane has no entry. */
    private final Map<UUID, ArrayDeque<Queued<W, R>>> waiting = new HashMap<>();

    InitiativeLanes(int groupMax, Predicate<W> alone, Group<W, R> group) {
        this.groupMax = groupMax;
        this.alone = alone;
        this.group = group;
    }

    /** Runs {@code work} once every group started before it on {@code initiativeId} has finished. */
    Uni<R> run(UUID initiativeId, W work) {
        return Uni.createFrom().emitter(answer -> {
            if (enqueue(initiativeId, new Queued<>(work, Vertx.currentContext(), answer))) {
                start(initiativeId);
            }
        });
    }

    /** Queues {@code queued}; true when the lane was idle, so the caller starts it at once. */
    private synchronized boolean enqueue(UUID initiativeId, Queued<W, R> queued) {
        ArrayDeque<Queued<W, R>> queue = waiting.get(initiativeId);
        boolean idle = queue == null;
        if (idle) {
            queue = new ArrayDeque<>();
            waiting.put(initiativeId, queue);
        }
        queue.add(queued);
        return idle;
    }

    /** The next group of the lane, taken off its queue (which holds at least one command). */
    private synchronized List<Queued<W, R>> take(UUID initiativeId) {
        ArrayDeque<Queued<W, R>> queue = waiting.get(initiativeId);
        List<Queued<W, R>> members = new ArrayList<>(Math.min(queue.size(), groupMax));
        members.add(queue.poll());
        if (alone.test(members.get(0).work())) {
            return members;
        }
        while (members.size() < groupMax && !queue.isEmpty() && !alone.test(queue.peek().work())) {
            members.add(queue.poll());
        }
        return members;
    }

    private void start(UUID initiativeId) {
        List<Queued<W, R>> members = take(initiativeId);
        List<W> works = members.stream().map(Queued::work).toList();
        Uni.createFrom().deferred(() -> group.run(initiativeId, works)).subscribe().with(
                outcomes -> {
                    next(initiativeId);
                    for (int i = 0; i < members.size(); i++) {
                        members.get(i).answer(outcomes.get(i));
                    }
                },
                failure -> {
                    next(initiativeId);
                    Outcome<R> failed = Outcome.failed(failure);
                    members.forEach(member -> member.answer(failed));
                });
    }

    /** Starts the next group on the context of its first command, never inside the stack of the one before. */
    private void next(UUID initiativeId) {
        Context context;
        synchronized (this) {
            ArrayDeque<Queued<W, R>> queue = waiting.get(initiativeId);
            if (queue.isEmpty()) {
                waiting.remove(initiativeId);
                return;
            }
            context = queue.peek().context();
        }
        later(context, () -> start(initiativeId));
    }

    /** Lanes with a group running, for tests: an idle lane takes no memory. */
    synchronized int busy() {
        return waiting.size();
    }

    private static void later(Context context, Runnable action) {
        if (context == null) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }

    /** A command waiting in its lane, with where and how to answer it. */
    private record Queued<W, R>(W work, Context context, UniEmitter<? super R> answer) {

        void answer(Outcome<R> outcome) {
            if (context == null || context == Vertx.currentContext()) {
                outcome.complete(answer);
            } else {
                context.runOnContext(ignored -> outcome.complete(answer));
            }
        }
    }
}
