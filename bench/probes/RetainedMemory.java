import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.eventstore.EventTypes;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.readmodel.InitiativeViews;
import dev.accord.readmodel.ReadModel;
import dev.accord.readmodel.RowCache;

import javax.management.ObjectName;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What a replica's per-initiative memories retain after projecting many initiatives in the JVM (no
 * server): each initiative's events are caught up a few at a time, round robin, as the projection
 * does it minus the database — the alignment row from the {@link RowCache}, folded through
 * {@link AlignmentViews#folding} (the kept fold), evaluated ({@link AlignmentViews#evaluate}, the
 * evaluated state), its state column written (the recommendations' JSON kept), the row kept; the
 * same for the details read model. The bound is {@code --max-events}, as the service's
 * {@code accord.read-model.cache.max-events}. The state last seen published is not simulated
 * (publishing needs the outbox); it is usually the very state last evaluated.
 * <p>
 * Retained heap = heap used after a full collection with everything kept, minus the same once the
 * memories are dropped (the generated histories stay in both). Also prints the CPU time of the
 * catch-ups (this thread) and, on standard error, the top of a class histogram.
 */
public final class RetainedMemory {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        Probe probe = Probe.of(args);
        int initiatives = (int) probe.number("initiatives", 1_000, 50);
        int events = (int) probe.number("events", 500, 100);
        int people = (int) probe.number("people", 20, 8);
        int batch = (int) probe.number("batch", 5, 5);
        long maxEvents = probe.number("max-events", 500_000, 500_000);
        Probe.main("RetainedMemory", () -> run(initiatives, events, people, batch, maxEvents));
    }

    private static void run(int initiatives, int events, int people, int batch, long maxEvents) throws Exception {
        List<List<StoredEvent>> histories = new ArrayList<>(initiatives);
        for (int i = 0; i < initiatives; i++) {
            UUID id = new UUID(0x5eed, i);
            List<StoredEvent> stored = new ArrayList<>(events);
            for (History.Recorded r : History.generate(id, people, events, i)) {
                stored.add(new StoredEvent(UUID.randomUUID(), id, stored.size() + 1, EventTypes.typeOf(r.event()),
                        r.event(), r.recordedAt(), "retained-memory"));
            }
            histories.add(stored);
        }
        ObjectMapper json = ProjectionCost.mapper();
        Memories memories = new Memories(json, maxEvents);
        long cpu = THREADS.getCurrentThreadCpuTime();
        for (int from = 0; from < events; from += batch) {
            int to = Math.min(events, from + batch);
            for (List<StoredEvent> history : histories) {
                AlignmentFacts facts = memories.catchUp(memories.alignment, history, from, to);
                AlignmentState state = memories.alignment.evaluate(facts, history.get(to - 1).recordedAt());
                if (memories.stateColumn.write(state).isEmpty()) {
                    throw new IllegalStateException("no state written");
                }
                memories.catchUp(memories.details, history, from, to);
            }
        }
        double cpuSeconds = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9;
        long kept = usedAfterCollection();
        Probe.log("class histogram with everything kept:%n%s", histogramTop(25));
        long weight = memories.cache.weight();
        int size = memories.cache.size();
        long forgotten = memories.forgotten;
        memories = null;
        long dropped = usedAfterCollection();
        Probe.figure("retained_initiatives", initiatives, "initiatives");
        Probe.figure("retained_events_each", events, "events");
        Probe.figure("retained_max_events", maxEvents, "events");
        Probe.figure("retained_cache_weight", weight, "events");
        Probe.figure("retained_cache_initiatives", size, "initiatives");
        Probe.figure("retained_rows_read_back", forgotten, "rows");
        Probe.figure("retained_heap_mib", (kept - dropped) / 1048576.0, "MiB");
        Probe.figure("retained_catch_up_cpu_seconds", cpuSeconds, "s");
        if (histories.isEmpty()) {
            throw new IllegalStateException("the histories were held to the end");
        }
    }

    /** Everything a replica keeps per initiative, as the service wires it. */
    private static final class Memories {
        final RowCache cache;
        final AlignmentViews alignment;
        final InitiativeViews details = new InitiativeViews();
        final ProjectionCost.StateColumn stateColumn;
        long forgotten;

        Memories(ObjectMapper json, long maxEvents) throws ReflectiveOperationException {
            cache = new RowCache();
            java.lang.reflect.Field bound = RowCache.class.getDeclaredField("maxWeight");
            bound.setAccessible(true);
            bound.setLong(cache, maxEvents);
            alignment = ProjectionCost.alignmentViews(json, cache);
            stateColumn = ProjectionCost.stateColumn(json, cache);
        }

        /**
         * Folds {@code history[from, to)} into the row kept; a row forgotten stands for one read
         * back from its document, here folded afresh from the history before {@code from}.
         */
        <R> R catchUp(ReadModel<R> model, List<StoredEvent> history, int from, int to) {
            UUID id = history.get(0).initiativeId();
            R start = cache.at(model, id, from).orElse(null);
            ReadModel.Folding<R> folding = model.folding(start);
            if (start == null && from > 0) {
                forgotten++;
                history.subList(0, from).forEach(folding::apply);
            }
            history.subList(from, to).forEach(folding::apply);
            R row = folding.row();
            cache.keep(model, id, model.version(row), row);
            return row;
        }
    }

    private static long usedAfterCollection() throws InterruptedException {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }

    private static String histogramTop(int lines) throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{new String[0]}, new String[]{String[].class.getName()});
        String[] all = histogram.split("\n");
        StringBuilder top = new StringBuilder();
        for (int i = 0; i < Math.min(all.length, lines + 2); i++) {
            top.append(all[i]).append('\n');
        }
        top.append(all[all.length - 1]);
        return top.toString();
    }
}
