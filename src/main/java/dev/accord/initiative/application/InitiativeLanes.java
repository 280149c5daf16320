package dev.accord.initiative.application;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * One lane per initiative: this replica runs the commands of one initiative one after the
 * other, so they never lose the race for the next version to each other and retry. Commands of
 * different initiatives run side by side. Each command runs, and is answered, on the Vert.x
 * context it arrived on.
 */
final class InitiativeLanes {

    private final Map<UUID, Queue<Runnable>> waiting = new HashMap<>();

    /** Runs {@code work} once every command queued before it on {@code initiativeId} has finished. */
    <T> Uni<T> run(UUID initiativeId, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(answer -> {
            Context context = Vertx.currentContext();
            Runnable command = () -> Uni.createFrom().<T>deferred(work::get).subscribe().with(
                    item -> {
                        next(initiativeId);
                        answer.complete(item);
                    },
                    failure -> {
                        next(initiativeId);
                        answer.fail(failure);
                    });
            // A queued command starts on its own context, never inside the stack of the one before.
            if (enqueue(initiativeId, () -> later(context, command))) {
                command.run();
            }
        });
    }

    /** Queues {@code start}; true when the lane was idle, so the caller starts it at once. */
    private synchronized boolean enqueue(UUID initiativeId, Runnable start) {
        Queue<Runnable> queue = waiting.get(initiativeId);
        if (queue == null) {
            waiting.put(initiativeId, new ArrayDeque<>());
            return true;
        }
        queue.add(start);
        return false;
    }

    private void next(UUID initiativeId) {
        Runnable start;
        synchronized (this) {
            Queue<Runnable> queue = waiting.get(initiativeId);
            start = queue.poll();
            if (start == null) {
                waiting.remove(initiativeId);
            }
        }
        if (start != null) {
            start.run();
        }
    }

    /** Lanes with a command running, for tests: an idle lane takes no memory. */
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
}
