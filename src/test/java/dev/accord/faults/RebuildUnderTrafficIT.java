package dev.accord.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accord.faults.LoadClients.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The read models are rebuilt through the admin API while 8 clients keep writing. Once the
 * writers stop and the projection caught up, each read model equals the fold of the store;
 * a second rebuild with no traffic changes nothing.
 */
class RebuildUnderTrafficIT {

    private static final Duration REBUILD_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final Scenario scenario = new Scenario("rebuild-under-traffic");

    @Test
    void a_rebuild_during_writes_ends_equal_to_the_live_state() {
        FaultEnvironment environment = scenario.environment();
        Figures figures = scenario.figures();
        List<Receipt> receipts = new ArrayList<>();
        LoadClients load = new LoadClients(environment.http(), LoadClients.launch(environment.http(), 4, receipts), 8);

        load.start();
        ServiceProcess.pause(Duration.ofSeconds(5));
        long rebuildStarted = System.nanoTime();
        JsonNode underTraffic = rebuild(environment, figures, "rebuild under traffic");
        Duration rebuildTook = Duration.ofNanos(System.nanoTime() - rebuildStarted);
        ServiceProcess.pause(Duration.ofSeconds(3));
        load.stop();
        receipts.addAll(load.receipts());

        figures.put("clients", 8).put("faultsInjected", "1 full rebuild while writing, 1 with no traffic")
                .put("commandsAttempted", load.outcomes().size())
                .put("answers5xx", load.count(outcome -> outcome.status() >= 500))
                .put("rebuildUnderTraffic", underTraffic).put("rebuildDuration", rebuildTook);
        figures.check("no 5xx", load.count(outcome -> outcome.status() >= 500) == 0,
                load.count(outcome -> outcome.status() >= 500) + " answers");
        Invariants.check(environment, receipts, System.nanoTime(), figures);

        Map<UUID, ObjectNode> live = environment.readModels().snapshot();
        JsonNode quiet = rebuild(environment, figures, "rebuild with no traffic");
        Invariants.timed(figures, "read models caught up after the quiet rebuild",
                () -> environment.store().awaitProjected(Invariants.RECOVERY_TIMEOUT));
        Map<UUID, ObjectNode> rebuilt = environment.readModels().snapshot();
        figures.put("rebuildWithoutTraffic", quiet);
        figures.check("a rebuild with no traffic leaves every read model as the live projection wrote it",
                quiet != null && ReadModels.changed(live, rebuilt).isEmpty(),
                quiet == null ? "no rebuild ran" : ReadModels.changed(live, rebuilt));
        figures.writeAndAssert();
    }

    /** Runs one rebuild; a rebuild that cannot start or does not end DONE is a failed check. */
    private static JsonNode rebuild(FaultEnvironment environment, Figures figures, String check) {
        try {
            JsonNode status = ReadModels.rebuild(environment.http(), REBUILD_TIMEOUT);
            boolean done = "DONE".equals(status.path("state").asText())
                    && status.path("initiativesDone").asLong() == status.path("initiativesTotal").asLong();
            figures.check(check + " ends DONE with every initiative", done, status);
            return status;
        } catch (AssertionError e) {
            figures.check(check + " ends DONE with every initiative", false, e.getMessage());
            return null;
        }
    }
}
