package dev.accord.fuzz;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fuzz run of every operation, in the normal suite: a fixed seed and a bounded number of
 * requests, so a failure replays with {@code -Daccord.fuzz.seed=<seed>}; raise
 * {@code -Daccord.fuzz.requests} for a longer run.
 */
@QuarkusTest
class HostileTrafficTest {

    private static final long SEED = Long.getLong("accord.fuzz.seed", 20_260_801L);
    private static final int REQUESTS = Integer.getInteger("accord.fuzz.requests", 2_000);

    @TestHTTPResource("/")
    URI base;

    @Test
    void no_generated_hostile_request_gets_a_5xx_a_bare_error_or_a_stalled_initiative() {
        FuzzReport report = HostileTraffic.run(base, SEED, REQUESTS);
        System.out.println(report.summary());
        assertTrue(report.requestsSent() >= REQUESTS, "the run stopped early: " + report.summary());
        report.assertClean();
    }
}
