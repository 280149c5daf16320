package dev.accord.bench;

import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentFold;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.initiative.domain.InitiativeEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The target: "Alignment for an initiative with 1,000 participants and 20,000 events
 * computes in under 50 ms". Three measurements over the same generated history
 * ({@link HistoryGenerator}, fixed seed):
 *
 * <ol>
 *   <li>{@link #alignmentOf} — {@code Alignment.of}: fold the 20,000 events, then evaluate
 *       (what a rebuild or an {@code ?asOf=} read does);</li>
 *   <li>{@link #evaluateOnly} — {@code Alignment.evaluate} on facts folded once at setup (what
 *       the live read model does at each read);</li>
 *   <li>{@link #foldOnly} — {@code AlignmentFold.fold} of the 20,000 events.</li>
 * </ol>
 *
 * AverageTime gives the mean; SampleTime gives the distribution (p50, p99, max) of single calls.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class AlignmentBenchmark {

    private UUID initiativeId;
    private List<InitiativeEvent> events;
    private Instant asOf;
    private AlignmentFacts facts;

    @Setup(Level.Trial)
    public void generate() {
        HistoryGenerator.History history = HistoryGenerator.generate();
        // Test-less sanity check: the history folds, with n = 996 active and version 20,000.
        // (The full replay through the decider runs in HistoryGenerator.main; it takes seconds.)
        HistoryCheck.verify(history, false);
        initiativeId = history.initiativeId();
        events = history.events();
        asOf = history.asOf();
        facts = AlignmentFold.fold(initiativeId, events);
        AlignmentState state = Alignment.of(initiativeId, events, asOf);
        int n = state.stages().get(0).of();
        if (state.version() != HistoryGenerator.TOTAL_EVENTS || Math.abs(n - 1_000) > 10) {
            throw new IllegalStateException("Alignment.of gives version " + state.version() + " and n = " + n);
        }
    }

    /** (1) fold + evaluate of the whole stream. */
    @Benchmark
    public AlignmentState alignmentOf() {
        return Alignment.of(initiativeId, events, asOf);
    }

    /** (2) evaluate alone, on facts folded at setup. */
    @Benchmark
    public AlignmentState evaluateOnly() {
        return Alignment.evaluate(facts, asOf);
    }

    /** (3) fold alone. */
    @Benchmark
    public AlignmentFacts foldOnly() {
        return AlignmentFold.fold(initiativeId, events);
    }
}
