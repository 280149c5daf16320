package dev.accord.readmodel;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The rows this replica's waiting reads wait for, looked at again every
 * {@code accord.read-your-writes.recheck} in case a change notification was lost: one statement
 * per read model reads the versions of all the rows waited for, and only the reads whose version
 * is there are woken (each then reads its row once). However many reads wait, a re-check costs
 * one query per read model, and one re-check runs at a time: one asked for while another runs
 * follows it. A read told that its row changed at an unknown version (the listening connection
 * is back, notifications may have been lost) asks for a re-check at once rather than reading
 * its row itself.
 */
@ApplicationScoped
public class AwaitedVersions {

    private static final Logger LOG = Logger.getLogger(AwaitedVersions.class);

    /** One read waiting for a version of a row. */
    public interface Awaiting {

        ReadModel<?> model();

        UUID initiativeId();

        long minVersion();

        /** The row was seen at {@link #minVersion()} or later: the read reads it. Must not block. */
        void versionSeen();
    }

    /** Ends one {@link #add} registration; closing twice is harmless. */
    public interface Registration extends AutoCloseable {
        @Override
        void close();
    }

    @Inject
    RowVersions versions;

    @Inject
    Vertx vertx;

    /** How often a waiting read is looked at again even though no notification came. */
    @ConfigProperty(name = "accord.read-your-writes.recheck", defaultValue = "250ms")
    Duration recheck;

    private final Set<Awaiting> awaiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean recheckAsked = new AtomicBoolean();
    private final OneAtATime rechecks = new OneAtATime(this::checkAll);
    private volatile long timer = -1;

    void start(@Observes StartupEvent started) {
        timer = vertx.setPeriodic(Math.max(1, recheck.toMillis()), id -> recheck());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    /** Looks at {@code read}'s row at each re-check until the registration is closed. */
    public Registration add(Awaiting read) {
        awaiting.add(read);
        return () -> awaiting.remove(read);
    }

    /**
     * {@link #recheck} once the caller's work is done: the many reads told at once that their
     * rows may have changed (the listening connection is back) cost one re-check between them.
     */
    public void recheckSoon() {
        if (recheckAsked.compareAndSet(false, true)) {
            vertx.runOnContext(() -> {
                recheckAsked.set(false);
                recheck();
            });
        }
    }

    /** Looks at every row waited for now, or right after the re-check under way. */
    public void recheck() {
        rechecks.ask();
    }

    private void checkAll() {
        Map<String, ReadsOfModel> byModel = new HashMap<>();
        awaiting.forEach(read -> byModel.computeIfAbsent(read.model().name(),
                name -> new ReadsOfModel(read.model(), new ArrayList<>())).reads().add(read));
        if (byModel.isEmpty()) {
            rechecks.done();
            return;
        }
        List<Uni<Void>> checks = new ArrayList<>();
        byModel.values().forEach(reads -> checks.add(check(reads)));
        Uni.join().all(checks).andFailFast().subscribe().with(done -> rechecks.done(), failure -> rechecks.done());
    }

    /** The reads waiting for rows of one read model. */
    private record ReadsOfModel(ReadModel<?> model, List<Awaiting> reads) {
    }

    /** Reads the versions of the rows of one read model that are waited for, and wakes the reads that reached theirs. */
    private Uni<Void> check(ReadsOfModel waiting) {
        Set<UUID> initiativeIds = new HashSet<>();
        waiting.reads().forEach(read -> initiativeIds.add(read.initiativeId()));
        return Uni.createFrom().deferred(() -> versions.of(waiting.model(), initiativeIds))
                .invoke(found -> waiting.reads().forEach(read -> {
                    Long version = found.get(read.initiativeId());
                    if (version != null && version >= read.minVersion()) {
                        read.versionSeen();
                    }
                }))
                .replaceWithVoid()
                .onFailure().invoke(failure -> LOG.debugf("re-checking the rows waited for failed, the next re-check"
                        + " tries again: %s", failure.getMessage()))
                .onFailure().recoverWithNull();
    }
}
