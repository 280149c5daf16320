package dev.accord.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the projection readiness judges the lag gauges against its thresholds. */
class LagThresholdsTest {

    private final MeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void read_models_within_both_thresholds_are_not_lagging() {
        lag("alignment", 10, 5.0);
        assertEquals(List.of(), ProjectionConsumerReadiness.lagging(meters, 10, Duration.ofSeconds(5)));
    }

    @Test
    void a_read_model_past_the_event_threshold_is_named_with_its_lag() {
        lag("alignment", 3, 0.1);
        lag("initiative-details", 11, 0.1);
        List<String> lagging = ProjectionConsumerReadiness.lagging(meters, 10, Duration.ofMinutes(5));
        assertEquals(1, lagging.size(), lagging.toString());
        assertTrue(lagging.get(0).contains("initiative-details is 11 events behind"), lagging.get(0));
    }

    @Test
    void a_read_model_past_the_seconds_threshold_is_named_with_its_age() {
        lag("alignment", 1, 61.0);
        List<String> lagging = ProjectionConsumerReadiness.lagging(meters, 100, Duration.ofSeconds(60));
        assertEquals(1, lagging.size(), lagging.toString());
        assertTrue(lagging.get(0).contains("alignment is 61 s behind"), lagging.get(0));
    }

    private void lag(String projection, long events, double seconds) {
        Gauge.builder(ProjectionConsumerReadiness.LAG_EVENTS, () -> events).tag("projection", projection)
                .register(meters);
        Gauge.builder(ProjectionConsumerReadiness.LAG_SECONDS, () -> seconds).tag("projection", projection)
                .register(meters);
    }
}
