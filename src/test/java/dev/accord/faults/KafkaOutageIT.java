package dev.accord.faults;

import dev.accord.faults.LoadClients.Outcome;
import dev.accord.faults.LoadClients.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

/**
 * Kafka is stopped for 30 s while 16 clients write. Commands keep succeeding (the outbox holds
 * the events); once the broker is back, without restarting Accord, everything is published and
 * projected.
 */
class KafkaOutageIT {

    @RegisterExtension
    static final Scenario scenario = new Scenario("kafka-outage");

    @Test
    void commands_succeed_while_kafka_is_down_and_everything_is_published_once_it_is_back() {
        FaultEnvironment environment = scenario.environment();
        Figures figures = scenario.figures();
        List<Receipt> receipts = new ArrayList<>();
        LoadClients load = new LoadClients(environment.http(),
                LoadClients.launch(environment.http(), LoadClients.SPREAD, receipts), 16);

        Outage outage = Outage.underLoad(load, environment.infrastructure()::withKafkaStopped);

        receipts.addAll(load.receipts());
        List<Outcome> during = outage.during(load.outcomes());
        long acceptedDuring = during.stream().filter(outcome -> outcome.status() / 100 == 2).count();
        List<Outcome> refused = during.stream().filter(outcome -> outcome.status() / 100 != 2).toList();
        figures.put("clients", 16).put("faultsInjected", "Kafka stopped for " + Outage.LENGTH.toSeconds() + " s")
                .put("commandsAttempted", load.outcomes().size())
                .put("commandsDuringOutage", during.size())
                .put("acceptedDuringOutage", acceptedDuring)
                .put("slowestAnswerDuringOutageMillis", during.stream().mapToLong(Outcome::millis).max().orElse(0))
                .put("answers5xx", load.count(outcome -> outcome.status() >= 500));
        figures.check("commands were sent while Kafka was down", !during.isEmpty(), "none");
        figures.check("every command sent while Kafka was down was accepted", refused.isEmpty(),
                refused.size() + " not accepted, e.g. " + refused.stream().limit(5).toList());
        figures.check("no 5xx", load.count(outcome -> outcome.status() >= 500) == 0,
                load.count(outcome -> outcome.status() >= 500) + " answers");
        Invariants.check(environment, receipts, outage.liftedNanos(), figures);
        figures.writeAndAssert();
    }
}
