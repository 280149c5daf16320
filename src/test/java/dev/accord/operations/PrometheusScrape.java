package dev.accord.operations;

import java.time.Duration;
import java.util.Optional;
import java.util.function.DoublePredicate;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code /q/metrics} as Prometheus scrapes it: one series' value, or waiting for one. */
final class PrometheusScrape {

    private PrometheusScrape() {
    }

    static String scrape() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** The value of a series named exactly as Prometheus writes it, labels included. */
    static Optional<Double> value(String scrape, String series) {
        return scrape.lines().filter(line -> line.startsWith(series + " "))
                .map(line -> Double.valueOf(line.substring(series.length() + 1).trim())).findFirst();
    }

    static double valueOrZero(String series) {
        return value(scrape(), series).orElse(0.0);
    }

    static void await(String series, DoublePredicate reached, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<Double> value = value(scrape(), series);
            if (value.isPresent() && reached.test(value.get())) {
                return;
            }
            assertFalse(System.nanoTime() > deadline, series + " on /q/metrics is " + value.orElse(null));
            pause(Duration.ofMillis(250));
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
