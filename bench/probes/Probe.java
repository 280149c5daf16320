import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What every bench probe shares: its arguments, the figures it prints, percentiles, JSON over
 * HTTP against Accord's API, the JDBC connection to Accord's PostgreSQL, and a rebuild of the
 * read models started and awaited through the admin API.
 * <p>
 * Compiled together with the probes (bench/probes/README.md):
 * <pre>
 *   CP="target/quarkus-app/lib/main/*:target/quarkus-app/app/*:target/quarkus-app/quarkus-run.jar"
 *   javac -d bench/target/probes -cp "$CP" bench/probes/*.java
 *   java -cp "bench/target/probes:$CP" Seed --base http://127.0.0.1:8080 ...
 * </pre>
 * Output: result lines {@code figure <key> <value> <unit>} on standard output; everything else
 * goes to standard error.
 */
public final class Probe {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final PrintStream LOG = System.err;

    private final Map<String, String> options;
    private final boolean smoke;
    private final HttpClient http;
    private final String api;

    private Probe(Map<String, String> options) {
        this.options = options;
        this.smoke = options.containsKey("smoke");
        this.api = text("base", "http://127.0.0.1:8080").replaceAll("/+$", "") + "/api/v1";
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** Reads {@code --name value} pairs and bare {@code --flag}s; a flag is a name followed by another name or nothing. */
    public static Probe of(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + args[i] + "' (options are --name value)");
            }
            String name = args[i].substring(2);
            boolean hasValue = i + 1 < args.length && !args[i + 1].startsWith("--");
            options.put(name, hasValue ? args[++i] : "true");
        }
        return new Probe(options);
    }

    /** Runs a probe's body; any failure ends the process with status 1 after saying why. */
    public static void main(String name, Body body) {
        long started = System.nanoTime();
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            LOG.println(name + " FAILED: " + e);
            e.printStackTrace(LOG);
            System.exit(1);
        }
        log("%s finished in %.1f s", name, (System.nanoTime() - started) / 1e9);
        System.exit(0);
    }

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    // ---------------------------------------------------------------- arguments

    public boolean smoke() {
        return smoke;
    }

    public String text(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public boolean has(String name) {
        return options.containsKey(name);
    }

    /** A number option; the smoke default applies under {@code --smoke} when the option is not given. */
    public long number(String name, long normal, long smokeDefault) {
        String value = options.get(name);
        return value != null ? Long.parseLong(value.replace("_", "")) : smoke ? smokeDefault : normal;
    }

    public String required(String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    // ---------------------------------------------------------------- output

    public static void figure(String key, double value, String unit) {
        String number = value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value) : String.format(Locale.ROOT, "%.3f", value);
        System.out.println("figure " + key + " " + number + " " + unit);
        System.out.flush();
    }

    public static void log(String format, Object... args) {
        LOG.println(String.format(Locale.ROOT, format, args));
    }

    /** The p-th percentile (0-100) of the values, by nearest rank; NaN when there are none. */
    public static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    public static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1e6;
    }

    // ---------------------------------------------------------------- HTTP

    public HttpClient http() {
        return http;
    }

    public String api() {
        return api;
    }

    public HttpRequest postRequest(String path, Object body) {
        try {
            return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .header("X-Correlation-Id", "accord-bench-probe")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + body, e);
        }
    }

    public HttpRequest getRequest(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
    }

    /** POSTs and answers the parsed body; any status but {@code expected} fails. */
    public JsonNode post(String path, Object body, int expected) {
        return expect(send(postRequest(path, body)), expected, "POST " + path);
    }

    public CompletableFuture<JsonNode> postAsync(String path, Object body, int expected) {
        return http.sendAsync(postRequest(path, body), HttpResponse.BodyHandlers.ofString())
                .thenApply(response -> expect(response, expected, "POST " + path));
    }

    /**
     * As {@link #postAsync}, sending again (up to 20 times) when the server answers 409 because
     * the initiative changed under it too often: seeding many commands into one initiative at once.
     */
    public CompletableFuture<JsonNode> postAsyncRetryingRaces(String path, Object body, int expected) {
        return postAsyncRetryingRaces(path, body, expected, 20);
    }

    private CompletableFuture<JsonNode> postAsyncRetryingRaces(String path, Object body, int expected, int attempts) {
        return http.sendAsync(postRequest(path, body), HttpResponse.BodyHandlers.ofString())
                .thenCompose(response -> response.statusCode() == 409 && attempts > 1
                        && response.body().contains("changing too fast")
                        ? postAsyncRetryingRaces(path, body, expected, attempts - 1)
                        : CompletableFuture.completedFuture(expect(response, expected, "POST " + path)));
    }

    public JsonNode get(String path, int expected) {
        return expect(send(getRequest(path)), expected, "GET " + path);
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    public static JsonNode expect(HttpResponse<String> response, int expected, String what) {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ", expected " + expected
                    + ": " + response.body());
        }
        try {
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(what + " answered unreadable JSON: " + response.body(), e);
        }
    }

    /** A JSON object from key, value pairs (nulls left out), for request bodies. */
    public static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (keysAndValues[i + 1] != null) {
                map.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
        }
        return map;
    }

    /** The body of {@code POST …/relationships} among the given participants. */
    public static Map<String, Object> relationship(List<String> participants, String mutualUnderstanding) {
        return obj("participants", participants, "mutualUnderstanding", mutualUnderstanding);
    }

    /** The {@code version} of a command's receipt. */
    public static long version(JsonNode receipt) {
        long version = receipt.path("version").asLong(-1);
        if (version <= 0) {
            throw new IllegalStateException("no version in the receipt " + receipt);
        }
        return version;
    }

    /** Waits until {@code GET …/alignment?minVersion=version} answers 200, retrying its 503s. */
    public void awaitAlignment(String initiativeId, long version, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        String path = "/initiatives/" + initiativeId + "/alignment?minVersion=" + version;
        while (true) {
            HttpResponse<String> response = send(getRequest(path));
            if (response.statusCode() == 200) {
                return;
            }
            if (response.statusCode() != 503 || System.nanoTime() > deadline) {
                throw new IllegalStateException("GET " + path + " answered " + response.statusCode() + ": "
                        + response.body());
            }
        }
    }

    // ---------------------------------------------------------------- read side administration

    /**
     * Rebuilds every initiative's read models, or the one initiative's when {@code initiativeId}
     * is not null, and answers the finished rebuild's status (state DONE); fails when it failed or
     * did not finish in time.
     */
    public JsonNode rebuild(String initiativeId, Duration atMost) throws InterruptedException {
        JsonNode started = post("/admin/projections/rebuild", obj("initiativeId", initiativeId), 202);
        String id = started.path("rebuildId").asText();
        long deadline = System.nanoTime() + atMost.toNanos();
        long lastLog = System.nanoTime();
        while (true) {
            JsonNode status;
            try {
                status = get("/admin/projections/rebuild/" + id, 200);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof java.net.http.HttpTimeoutException) || System.nanoTime() > deadline) {
                    throw e;
                }
                log("rebuild: its status did not answer within 30 s; asking again");
                continue;
            }
            String state = status.path("state").asText();
            if (state.equals("DONE")) {
                return status;
            }
            if (!state.equals("RUNNING")) {
                throw new IllegalStateException("rebuild " + id + " ended " + status);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("rebuild " + id + " not done after " + atMost + ": " + status);
            }
            if (System.nanoTime() - lastLog > 10_000_000_000L) {
                log("rebuild: %d of %d initiatives, %d events applied", status.path("initiativesDone").asLong(),
                        status.path("initiativesTotal").asLong(), status.path("eventsApplied").asLong());
                lastLog = System.nanoTime();
            }
            Thread.sleep(50);
        }
    }

    /** Fails when any read model parked an initiative (it could not fold its events). */
    public void requireNothingParked() {
        JsonNode report = get("/admin/projections", 200);
        List<String> parked = new ArrayList<>();
        for (JsonNode projection : report.path("projections")) {
            for (JsonNode park : projection.path("parked")) {
                parked.add(projection.path("name").asText() + ": " + park);
            }
        }
        if (!parked.isEmpty()) {
            throw new IllegalStateException(parked.size() + " parked initiative(s): " + parked);
        }
    }

    // ---------------------------------------------------------------- PostgreSQL

    /** A connection to Accord's database (embedded default: database and role {@code accord} on 127.0.0.1). */
    public Connection database() throws SQLException {
        String url = "jdbc:postgresql://" + text("pg-host", "127.0.0.1") + ":" + required("pg-port") + "/"
                + text("pg-database", "accord");
        return DriverManager.getConnection(url, text("pg-user", "accord"), required("pg-password"));
    }
}
