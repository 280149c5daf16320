package dev.accord.faults;

import dev.accord.faults.LoadClients.Outcome;
import dev.accord.faults.LoadClients.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * PostgreSQL is stopped for 30 s while 16 clients write. Commands fail fast with a 503
 * problem (never a 500, never a hang); once the database is back, without restarting Accord,
 * commands are accepted again and every acknowledged one is stored, published and projected.
 */
class PostgresOutageIT {

    /** Accord's documented bound is 2 s; the rest is slack for a small, shared CI machine. */
    private static final long FAIL_FAST_MILLIS = 2_500;

    @RegisterExtension
    static final Scenario scenario = new Scenario("postgres-outage");

    @Test
    void commands_fail_fast_with_503_while_postgres_is_down_and_the_service_recovers_by_itself() {
        FaultEnvironment environment = scenario.environment();
        Figures figures = scenario.figures();
        List<Receipt> receipts = new ArrayList<>();
        LoadClients load = new LoadClients(environment.http(),
                LoadClients.launch(environment.http(), LoadClients.SPREAD, receipts), 16);

        Outage outage = Outage.underLoad(load, environment.infrastructure()::withPostgresStopped);

        receipts.addAll(load.receipts());
        List<Outcome> during = outage.during(load.outcomes());
        List<Outcome> notFastProblems = during.stream().filter(outcome -> outcome.status() != 503
                || !outcome.problem() || outcome.millis() > FAIL_FAST_MILLIS).toList();
        long slowest = during.stream().mapToLong(Outcome::millis).max().orElse(0);
        List<String> answers500 = load.outcomes().stream()
                .filter(outcome -> outcome.status() >= 500 && outcome.status() != 503)
                .map(outcome -> outcome.status() + " at " + (outcome.startedAt() - outage.downFrom())
                        + " ms from the stop: " + outcome.detail())
                .toList();
        Long firstAcceptedAfter = outage.after(load.outcomes()).stream()
                .filter(outcome -> outcome.status() / 100 == 2)
                .map(outcome -> outcome.startedAt() + outcome.millis() - outage.downUntil())
                .min(Long::compare).orElse(null);
        figures.put("clients", 16).put("faultsInjected", "PostgreSQL stopped for " + Outage.LENGTH.toSeconds() + " s")
                .put("commandsAttempted", load.outcomes().size())
                .put("commandsDuringOutage", during.size())
                .put("answered503DuringOutage", during.stream().filter(outcome -> outcome.status() == 503).count())
                .put("slowestAnswerDuringOutageMillis", slowest)
                .put("answers5xxOtherThan503", answers500.size())
                .put("timeToFirstAcceptedCommand", firstAcceptedAfter == null ? "none accepted"
                        : Duration.ofMillis(firstAcceptedAfter));
        figures.check("commands were sent while PostgreSQL was down", !during.isEmpty(), "none");
        figures.check("every command sent while PostgreSQL was down got a 503 problem within "
                + FAIL_FAST_MILLIS + " ms", notFastProblems.isEmpty(),
                notFastProblems.size() + " did not, e.g. " + notFastProblems.stream().limit(5).toList());
        figures.check("no 5xx other than 503", answers500.isEmpty(), answers500);
        figures.check("commands are accepted again once PostgreSQL is back", firstAcceptedAfter != null,
                "no command accepted in the " + Outage.LOAD_AROUND.toSeconds() + " s after the restart");
        Invariants.check(environment, receipts, outage.liftedNanos(), figures);
        figures.writeAndAssert();
    }
}
