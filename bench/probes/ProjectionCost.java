import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.accord.alignment.api.AlignmentJson;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.readmodel.AlignmentViews;
import dev.accord.config.JacksonPerformance;
import dev.accord.eventstore.EventTypes;
import dev.accord.eventstore.StoredEvent;
import dev.accord.initiative.readmodel.InitiativeDetails;
import dev.accord.initiative.readmodel.InitiativeViews;
import dev.accord.readmodel.ReadModel;
import dev.accord.readmodel.RowCache;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * In-process cost of projecting one event on a long history against a fresh one, without a
 * server, a database or a network: what a catch-up of one event does in the JVM, step by step
 * as {@code ReadModelRows} and the read models do it — take the row this replica keeps
 * ({@link RowCache}), fold the event into a working copy of it ({@link ReadModel#folding}),
 * evaluate the alignment state and write it as JSON (the {@code state} column), keep the row
 * again — for the alignment and the details read models.
 * <p>
 * The long initiative has {@code --events} events (the {@link History} mix of the HistoryLength
 * probe, {@code --people} participants); the fresh one is launched with the same participants
 * and started again every {@code --fresh-span} measured events, so it stays short. Each measured
 * event is the next one of its initiative's own generated history. Fresh and long repetitions
 * alternate, so whatever else runs on the machine weighs on both alike; the figure is the ratio
 * of the medians, never an absolute time. Each step is timed in this thread's CPU time (the
 * machine may be loaded); {@code projection_wall} is the same catch-up in elapsed time, which
 * includes the collector's work and the time other processes held the core.
 *
 * <pre>
 * java -cp "bench/target/probes:$CP" ProjectionCost [--events 20000] [--people 200] [--repetitions 3000]
 * </pre>
 * Figures: {@code projection_p50_fresh_us}, {@code projection_p50_long_us},
 * {@code projection_ratio_long_to_fresh}, and the same per step ({@code fold}, {@code evaluate},
 * {@code state_json}) and for the details read model ({@code details_*}).
 */
public final class ProjectionCost {

    private static final String[] STEPS = {"projection", "projection_wall", "fold", "evaluate", "state_json",
            "details"};
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final ObjectMapper json = mapper();
    private final RowCache cache = new RowCache();
    private final StateColumn stateColumn = stateColumn(json, cache);
    private final AlignmentViews alignment = alignmentViews(json, cache);
    private final InitiativeViews details = new InitiativeViews();

    /** One initiative as the projection sees it: its row kept by the cache, and the events still to come. */
    private final class Initiative {
        final UUID id = UUID.randomUUID();
        final List<StoredEvent> events;
        int next;

        Initiative(int people, int total) {
            List<History.Recorded> recorded = History.generate(id, people, total, id.getLeastSignificantBits());
            events = new ArrayList<>(recorded.size());
            for (History.Recorded r : recorded) {
                events.add(new StoredEvent(UUID.randomUUID(), id, events.size() + 1, EventTypes.typeOf(r.event()),
                        r.event(), r.recordedAt(), "projection-cost"));
            }
        }

        /** Folds the first {@code count} events in one catch-up, untimed. */
        void prime(int count) {
            catchUp(alignment, events.subList(0, count));
            catchUp(details, events.subList(0, count));
            next = count;
        }

        boolean exhausted() {
            return next >= events.size();
        }

        /** Projects the next event into both read models; adds each step's nanoseconds to {@code into}. */
        void measureNext(Map<String, List<Long>> into) {
            StoredEvent event = events.get(next++);
            long wall = System.nanoTime();
            long started = cpu();
            AlignmentFacts facts = catchUp(alignment, List.of(event));
            long folded = cpu();
            AlignmentState state = alignment.evaluate(facts, event.recordedAt().plusSeconds(1));
            long evaluated = cpu();
            String written = write(state);
            long serialised = cpu();
            long wallEnd = System.nanoTime();
            catchUp(details, List.of(event));
            long detailed = cpu();
            if (written.isEmpty()) {
                throw new IllegalStateException("no state written");
            }
            into.get("fold").add(folded - started);
            into.get("evaluate").add(evaluated - folded);
            into.get("state_json").add(serialised - evaluated);
            into.get("projection").add(serialised - started);
            into.get("projection_wall").add(wallEnd - wall);
            into.get("details").add(detailed - serialised);
        }

        /** What ReadModelRows does with a row in one catch-up, minus the database. */
        <R> R catchUp(ReadModel<R> model, List<StoredEvent> batch) {
            R start = cache.get(model, id).map(RowCache.Cached::row).orElse(null);
            ReadModel.Folding<R> folding = model.folding(start);
            batch.forEach(folding::apply);
            R row = folding.row();
            cache.keep(model, id, model.version(row), row);
            return row;
        }
    }

    /** The state column as AlignmentViews writes it. */
    private String write(AlignmentState state) {
        try {
            return stateColumn.write(state);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @FunctionalInterface
    interface StateColumn {
        String write(AlignmentState state) throws Exception;
    }

    /**
     * The service's own writer of the state column ({@code StateJson}) when the build at hand has
     * one (keeping what it keeps in {@code cache} on a build where the RowCache holds it), else the
     * mapper, as AlignmentViews wrote it before: so that the same probe measures a build before and
     * after.
     */
    static StateColumn stateColumn(ObjectMapper json, RowCache cache) {
        try {
            Class<?> writer = Class.forName("dev.accord.alignment.readmodel.StateJson");
            Object stateJson;
            try {
                stateJson = writer.getConstructor(ObjectMapper.class, RowCache.class).newInstance(json, cache);
            } catch (NoSuchMethodException keepsItsOwn) {
                stateJson = writer.getConstructor(ObjectMapper.class).newInstance(json);
            }
            java.lang.reflect.Method write = writer.getMethod("write", AlignmentState.class);
            Object column = stateJson;
            return state -> (String) write.invoke(column, state);
        } catch (ClassNotFoundException absent) {
            return json::writeValueAsString;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The alignment read model, wired as the service wires it on a build where it keeps its fold
     * and evaluated state in the RowCache (the {@code memory} it is given); a build before that
     * keeps them in its own fields.
     */
    static AlignmentViews alignmentViews(ObjectMapper json, RowCache cache) {
        AlignmentViews views = new AlignmentViews();
        try {
            java.lang.reflect.Field memory = AlignmentViews.class.getDeclaredField("memory");
            memory.setAccessible(true);
            memory.set(views, cache);
            java.lang.reflect.Field mapper = AlignmentViews.class.getDeclaredField("json");
            mapper.setAccessible(true);
            mapper.set(views, json);
            java.lang.reflect.Method writers = AlignmentViews.class.getDeclaredMethod("writers");
            writers.setAccessible(true);
            writers.invoke(views);
        } catch (NoSuchFieldException keepsItsOwn) {
            return views;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return views;
    }

    static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule()).registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        new AlignmentJson().customize(mapper);
        new JacksonPerformance().customize(mapper);
        return mapper;
    }

    public static void main(String[] args) {
        Probe probe = Probe.of(args);
        int events = (int) probe.number("events", 20_000, 2_000);
        int people = (int) probe.number("people", 200, 20);
        int repetitions = (int) probe.number("repetitions", 3_000, 200);
        int freshSpan = (int) probe.number("fresh-span", 100, 50);
        Probe.main("ProjectionCost", () -> new ProjectionCost().run(events, people, repetitions, freshSpan));
    }

    private void run(int events, int people, int repetitions, int freshSpan) throws ReflectiveOperationException {
        // the bound is a configuration property, injected in the service; here nothing is dropped
        java.lang.reflect.Field bound = RowCache.class.getDeclaredField("maxWeight");
        bound.setAccessible(true);
        bound.setLong(cache, Long.MAX_VALUE);
        int warmUp = Math.min(1_000, repetitions / 3);
        Initiative longer = new Initiative(people, events + warmUp + repetitions);
        longer.prime(events);
        Probe.log("long initiative primed at %d events", events);
        Initiative fresh = null;
        Map<String, List<Long>> freshTimes = times();
        Map<String, List<Long>> longTimes = times();
        for (int i = 0; i < warmUp + repetitions; i++) {
            if (fresh == null || fresh.exhausted()) {
                fresh = new Initiative(people, people + freshSpan);
                fresh.prime(people);
            }
            boolean keep = i >= warmUp;
            Map<String, List<Long>> f = keep ? freshTimes : times();
            Map<String, List<Long>> l = keep ? longTimes : times();
            if (i % 2 == 0) {
                fresh.measureNext(f);
                longer.measureNext(l);
            } else {
                longer.measureNext(l);
                fresh.measureNext(f);
            }
            if (!keep && i == warmUp - 1) {
                Probe.log("warmed up; measuring %d events on each", repetitions);
            }
        }
        for (String step : STEPS) {
            double freshP50 = Probe.percentile(micros(freshTimes.get(step)), 50);
            double longP50 = Probe.percentile(micros(longTimes.get(step)), 50);
            Probe.figure(step + "_p50_fresh_us", freshP50, "us");
            Probe.figure(step + "_p50_long_us", longP50, "us");
            Probe.figure(step + "_ratio_long_to_fresh", longP50 / freshP50, "ratio");
        }
        Probe.figure("long_history_events", longer.next, "events");
    }

    /** This thread's CPU time: what the step cost, without the time other processes took the core. */
    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }

    private static Map<String, List<Long>> times() {
        Map<String, List<Long>> times = new TreeMap<>();
        for (String step : STEPS) {
            times.put(step, new ArrayList<>());
        }
        return times;
    }

    private static List<Double> micros(List<Long> nanos) {
        List<Double> micros = new ArrayList<>(nanos.size());
        nanos.forEach(n -> micros.add(n / 1e3));
        return micros;
    }
}
