package dev.accord.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.accord.initiative.api.Initiatives.aLaunchedInitiative;
import static dev.accord.initiative.api.Initiatives.anyPersonId;
import static dev.accord.initiative.api.Initiatives.join;
import static dev.accord.initiative.api.Initiatives.person;
import static dev.accord.operations.PrometheusScrape.scrape;
import static dev.accord.operations.PrometheusScrape.valueOrZero;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What an operator sees on /q/metrics, and that the dashboard under docs/ asks only for that. */
@QuarkusTest
class MetricsTest {

    private static final String JOIN = "accord_commands_total{outcome=\"%s\",type=\"JoinInitiative\"}";

    @Test
    void an_accepted_command_is_counted_by_type_and_outcome() {
        String id = aLaunchedInitiative();
        double before = valueOrZero(JOIN.formatted("accepted"));
        join(id, person(anyPersonId(), "sales")).statusCode(200);
        assertEquals(before + 1, valueOrZero(JOIN.formatted("accepted")), scrapeOf("accord_commands_total"));
    }

    @Test
    void a_rejected_command_is_counted_under_its_problem() {
        double before = valueOrZero(JOIN.formatted("not_found"));
        join(UUID.randomUUID().toString(), person(anyPersonId(), "sales")).statusCode(404);
        assertEquals(before + 1, valueOrZero(JOIN.formatted("not_found")), scrapeOf("accord_commands_total"));
    }

    @Test
    void the_backlog_lag_parked_dead_letter_stream_and_clock_meters_are_exposed() {
        aLaunchedInitiative();
        // The lag gauges appear per read model once measured (every status-interval, 1 s in tests);
        // the dead-letter count once the broker first answered.
        PrometheusScrape.await("accord_projection_lag_events{projection=\"alignment\"}", value -> value >= 0,
                Duration.ofSeconds(20));
        PrometheusScrape.await("accord_dlq_records{topic=\"accord.alignment.events.dlq\"}", value -> value >= 0,
                Duration.ofSeconds(20));
        String metrics = scrape();
        for (String series : new String[] {"accord_outbox_backlog", "accord_sse_streams",
                "accord_projection_lag_seconds{projection=\"alignment\"}",
                "accord_projection_parked{projection=\"alignment\"}",
                "accord_projection_lag_events{projection=\"initiative-details\"}",
                "accord_projection_dead_lettered_total", "accord_alignment_clock_reevaluated_total"}) {
            assertTrue(PrometheusScrape.value(metrics, series).isPresent(), series + " missing from /q/metrics");
        }
    }

    @Test
    void every_metric_the_grafana_dashboard_queries_is_on_the_metrics_endpoint() throws IOException {
        JsonNode dashboard = new ObjectMapper().readTree(Path.of("docs/grafana-dashboard.json").toFile());
        Set<String> queried = new TreeSet<>();
        Matcher names = Pattern.compile("accord_[a-z_]+").matcher("");
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                names.reset(target.path("expr").asText());
                while (names.find()) {
                    queried.add(names.group());
                }
            }
        }
        assertFalse(queried.isEmpty(), "the dashboard queries no accord metric");
        aLaunchedInitiative();
        PrometheusScrape.await("accord_dlq_records{topic=\"accord.alignment.events.dlq\"}", value -> value >= 0,
                Duration.ofSeconds(20));
        String metrics = scrape();
        Set<String> missing = new TreeSet<>();
        for (String name : queried) {
            if (metrics.lines().noneMatch(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "queried by docs/grafana-dashboard.json but not on /q/metrics");
    }

    private static String scrapeOf(String metric) {
        return String.join("\n", scrape().lines().filter(line -> line.startsWith(metric)).toList());
    }
}
