package dev.accord.faults;

import dev.accord.faults.LoadClients.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged Accord is killed with SIGKILL while 16 clients write, then started again: no
 * acknowledged command may be lost, nothing may be half-written, the read models must equal
 * the store.
 */
class SigkillIT {

    @RegisterExtension
    static final Scenario scenario = new Scenario("sigkill");

    @Test
    void no_acknowledged_command_is_lost_when_the_service_is_killed_under_load() {
        FaultEnvironment environment = scenario.environment();
        Figures figures = scenario.figures();
        List<Receipt> receipts = new ArrayList<>();
        List<LoadClients.Target> initiatives = LoadClients.launch(environment.http(), LoadClients.SPREAD, receipts);
        LoadClients load = new LoadClients(environment.http(), initiatives, 16);

        load.start();
        ServiceProcess.pause(Duration.ofSeconds(10));
        environment.service().kill();
        ServiceProcess.pause(Duration.ofSeconds(1));
        load.stop();
        long restarted = System.nanoTime();
        Duration restart = environment.service().restart();

        receipts.addAll(load.receipts());
        figures.put("clients", 16).put("initiatives", initiatives.size())
                .put("faultsInjected", "1 SIGKILL after 10 s of load")
                .put("commandsAttempted", load.outcomes().size())
                .put("attemptsWithoutAnswer", load.count(outcome -> outcome.status() == LoadClients.NO_ANSWER))
                .put("answers5xx", load.count(outcome -> outcome.status() >= 500))
                .put("timeToReadyAfterRestart", restart);
        figures.check("no 5xx before the kill", load.count(outcome -> outcome.status() >= 500) == 0,
                load.count(outcome -> outcome.status() >= 500) + " answers");
        Invariants.check(environment, receipts, restarted, figures);
        figures.writeAndAssert();
    }
}
