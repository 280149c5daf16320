import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.accord.alignment.domain.Alignment;
import dev.accord.alignment.domain.AlignmentFacts;
import dev.accord.alignment.domain.AlignmentState;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;

/**
 * Where the time of one GET /alignment goes, outside the HTTP stack: the four steps the service
 * takes for a read from the live read model (AlignmentQueries.state → AlignmentViews.find →
 * Alignment.evaluate → the REST layer's JSON), each timed alone, single-threaded, on the very
 * row the service reads. Run by bench/load/run.sh (LOAD_BREAKDOWN=1, the default) against the Accord it started:
 *
 * <pre>
 *   java -cp "target/quarkus-app/app/*:target/quarkus-app/lib/main/*" bench/load/Breakdown.java \
 *        PGPORT INITIATIVE_ID [iterations]
 * </pre>
 *
 * 1. select facts::text from alignment_view (JDBC here; the service uses the reactive client)
 * 2. ObjectMapper.readValue(facts, AlignmentFacts.class)
 * 3. Alignment.evaluate(facts, now)
 * 4. ObjectMapper.writeValueAsBytes(state)
 *
 * The ObjectMapper has Quarkus's defaults (modules found on the class path, dates as ISO text,
 * unknown properties ignored), which is what the service's mapper does with these records.
 */
public class Breakdown {

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        UUID id = UUID.fromString(args[1]);
        int iterations = args.length > 2 ? Integer.parseInt(args[2]) : 3000;
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        long[] select = new long[iterations];
        long[] parse = new long[iterations];
        long[] evaluate = new long[iterations];
        long[] write = new long[iterations];
        int factsChars = 0;
        int stateBytes = 0;
        try (Connection db = DriverManager.getConnection("jdbc:postgresql://localhost:" + port + "/accord",
                "accord", "accord");
             PreparedStatement query = db.prepareStatement(
                     "select facts::text as facts from alignment_view where initiative_id = ?")) {
            // Warm up as long as the measurement, so the JIT has compiled the four steps.
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < iterations; i++) {
                    long t0 = System.nanoTime();
                    query.setObject(1, id);
                    String text;
                    try (ResultSet rows = query.executeQuery()) {
                        if (!rows.next()) {
                            throw new IllegalStateException("no alignment_view row for " + id);
                        }
                        text = rows.getString(1);
                    }
                    long t1 = System.nanoTime();
                    AlignmentFacts facts = json.readValue(text, AlignmentFacts.class);
                    long t2 = System.nanoTime();
                    AlignmentState state = Alignment.evaluate(facts, Instant.now());
                    long t3 = System.nanoTime();
                    byte[] out = json.writeValueAsBytes(state);
                    long t4 = System.nanoTime();
                    select[i] = t1 - t0;
                    parse[i] = t2 - t1;
                    evaluate[i] = t3 - t2;
                    write[i] = t4 - t3;
                    factsChars = text.length();
                    stateBytes = out.length;
                }
            }
        }
        System.out.printf("initiative %s: facts %,d chars of JSON, answer %,d bytes; %d reads after as many"
                + " warm-up reads, one thread%n", id, factsChars, stateBytes, iterations);
        System.out.printf("  %-44s %8s %8s %8s%n", "step", "mean ms", "p50 ms", "p99 ms");
        long[] total = new long[iterations];
        for (int i = 0; i < iterations; i++) {
            total[i] = select[i] + parse[i] + evaluate[i] + write[i];
        }
        line("1 select facts::text (JDBC round trip)", select);
        line("2 parse facts JSON -> AlignmentFacts", parse);
        line("3 Alignment.evaluate(facts, now)", evaluate);
        line("4 write AlignmentState JSON", write);
        line("sum (no HTTP)", total);
    }

    static void line(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double mean = Arrays.stream(sorted).average().orElse(0) / 1e6;
        System.out.printf("  %-44s %8.3f %8.3f %8.3f%n", name, mean, sorted[sorted.length / 2] / 1e6,
                sorted[(int) Math.min(sorted.length - 1, Math.ceil(sorted.length * 0.99) - 1)] / 1e6);
    }
}
