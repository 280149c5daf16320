package dev.accord.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What a scenario measured and which of its checks held. Each check is recorded whether it
 * passes or not, so the figures exist even for a failing run; {@link #writeAndAssert()} then
 * fails the scenario with every check that did not hold. Each scenario writes
 * {@code target/reliability/<scenario>.json}; {@code figures.md} is regenerated from all of them.
 */
final class Figures {

    private final String scenario;
    private final ObjectNode figures = AccordHttp.JSON.createObjectNode();
    private final ObjectNode checks = AccordHttp.JSON.createObjectNode();
    private final List<String> failures = new ArrayList<>();

    Figures(String scenario) {
        this.scenario = scenario;
        figures.put("ranAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
    }

    Figures put(String name, Object value) {
        if (value instanceof Duration duration) {
            figures.put(name, String.format("%.1f s", duration.toMillis() / 1000.0));
        } else {
            figures.set(name, AccordHttp.JSON.valueToTree(value));
        }
        return this;
    }

    /** Records a check; {@code detail} says what was seen when it does not hold. */
    void check(String name, boolean holds, Object detail) {
        checks.put(name, holds ? "PASS" : "FAIL");
        if (!holds) {
            failures.add(name + ": " + detail);
        }
    }

    void writeAndAssert() {
        write();
        if (!failures.isEmpty()) {
            throw new AssertionError(scenario + ": " + failures.size() + " check(s) failed:\n- "
                    + String.join("\n- ", failures));
        }
    }

    private void write() {
        ObjectNode document = AccordHttp.JSON.createObjectNode();
        document.put("scenario", scenario);
        document.set("figures", figures);
        document.set("checks", checks);
        Path directory = FaultEnvironment.output();
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(scenario + ".json"), AccordHttp.JSON
                    .copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
            Files.writeString(directory.resolve("figures.md"), markdown(directory), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every scenario's last figures, one section each. */
    private static String markdown(Path directory) throws IOException {
        StringBuilder text = new StringBuilder("# Fault suite figures\n\nWritten by the fault suite (`*IT`);"
                + " one section per scenario, from its last run.\n");
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                JsonNode document = AccordHttp.JSON.readTree(file.toFile());
                text.append("\n## ").append(document.path("scenario").asText()).append("\n\n| figure | value |\n|---|---|\n");
                appendRows(text, document.path("figures"));
                appendRows(text, document.path("checks"));
            }
        }
        return text.toString();
    }

    private static void appendRows(StringBuilder text, JsonNode rows) {
        for (Iterator<Map.Entry<String, JsonNode>> it = rows.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> row = it.next();
            String value = row.getValue().isTextual() ? row.getValue().asText() : row.getValue().toString();
            text.append("| ").append(row.getKey()).append(" | ").append(value.replace("|", "\\|")).append(" |\n");
        }
    }
}
