package dev.accord.faults;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * A dependency taken away while clients write: {@code whileStopped} is how the infrastructure
 * stops a server, runs an action and starts it again ({@code withKafkaStopped},
 * {@code withPostgresStopped}). Times are epoch milliseconds, comparable with outcomes.
 *
 * @param downFrom    when the server was down (its stop had returned)
 * @param downUntil   when the server started coming back
 * @param liftedNanos {@link System#nanoTime()} once the server was back, for the time to recover
 */
record Outage(long downFrom, long downUntil, long liftedNanos) {

    static final Duration LENGTH = Duration.ofSeconds(30);
    static final Duration LOAD_AROUND = Duration.ofSeconds(5);

    static Outage underLoad(LoadClients load, Consumer<Runnable> whileStopped) {
        load.start();
        ServiceProcess.pause(LOAD_AROUND);
        Outage outage = run(whileStopped);
        ServiceProcess.pause(LOAD_AROUND);
        load.stop();
        return outage;
    }

    private static Outage run(Consumer<Runnable> whileStopped) {
        StartedStopped times = new StartedStopped();
        whileStopped.accept(() -> {
            times.downFrom = System.currentTimeMillis();
            ServiceProcess.pause(LENGTH);
            times.downUntil = System.currentTimeMillis();
        });
        return new Outage(times.downFrom, times.downUntil, System.nanoTime());
    }

    List<LoadClients.Outcome> during(List<LoadClients.Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.startedWithin(downFrom, downUntil)).toList();
    }

    List<LoadClients.Outcome> after(List<LoadClients.Outcome> outcomes) {
        return outcomes.stream().filter(outcome -> outcome.startedAt() >= downUntil).toList();
    }

    private static final class StartedStopped {
        long downFrom;
        long downUntil;
    }
}
