import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Freshness at a steady command rate: how long after a command's 2xx its event is on the topic,
 * and how long until {@code GET …/alignment} shows it.
 * <pre>
 *   CP="target/quarkus-app/lib/main/*:target/quarkus-app/app/*:target/quarkus-app/quarkus-run.jar"
 *   javac -d bench/target/probes -cp "$CP" bench/probes/*.java
 *   java -cp "bench/target/probes:$CP" Freshness --base http://127.0.0.1:8080 --kafka localhost:9092 \
 *       --seed-file bench/target/seed.txt [--rate 1000] [--seconds 20] [--sample 0.2] [--max-in-flight 2000]
 *       [--connections 64] [--read-connections 256] [--smoke]
 * </pre>
 * Open loop: one thread fires a relationship between two participants of a random seeded
 * initiative (the seed file of Seed.java) every 1/rate seconds, asynchronously, never waiting for
 * an answer (a send is counted as dropped, not sent, while {@code --max-in-flight} are unanswered),
 * over {@code --connections} kept-alive connections ({@link PooledHttp}; a command waiting for a free
 * one counts that wait in its latency); the alignment reads use a pool of their own.
 * A Kafka consumer (no group: it is assigned every partition of {@code accord.alignment.events}
 * from their end) notes when each event arrives, by key (initiativeId) and {@code ce_streamversion}.
 * <ul>
 *   <li>topic freshness = arrival on the topic − the 2xx of the command whose receipt had that
 *   initiative and version (negative when the event was on the topic before the client had read
 *   its answer);</li>
 *   <li>alignment freshness: for a sample of the 2xx ({@code --sample}, a fraction), a
 *   {@code GET …/alignment?minVersion=<version>} sent at the 2xx instant; its 200 − the 2xx.</li>
 * </ul>
 * Figures: p50 and p99 of both (ms), the command latency, target, sent and achieved (2xx) rates,
 * errors (non-2xx and failed sends), dropped sends, alignment reads that failed (not 200 within a minute)
 * and events never seen on the topic. Smoke: 50/s for 3 s, every 2xx sampled.
 */
public class Freshness {

    static final String TOPIC = "accord.alignment.events";

    public static void main(String[] args) {
        Probe.main("Freshness", () -> run(Probe.of(args)));
    }

    static void run(Probe probe) throws Exception {
        int rate = (int) probe.number("rate", 1000, 50);
        int seconds = (int) probe.number("seconds", 20, 3);
        double sample = Double.parseDouble(probe.text("sample", probe.smoke() ? "1" : "0.2"));
        int maxInFlight = (int) probe.number("max-in-flight", 2000, 2000);
        PooledHttp commands = new PooledHttp(probe.api(), (int) probe.number("connections", 64, 8));
        PooledHttp reads = new PooledHttp(probe.api(), (int) probe.number("read-connections", 256, 8));
        List<Seed.Seeded> seeded = Seed.read(Path.of(probe.required("seed-file")));

        Map<String, Long> arrivals = new ConcurrentHashMap<>();
        AtomicBoolean consuming = new AtomicBoolean(true);
        Thread consumer = startConsumer(probe.required("kafka"), arrivals, consuming);

        Map<String, Long> answered = new ConcurrentSkipListMap<>();
        List<Double> commandMillis = Collections.synchronizedList(new ArrayList<>());
        List<Double> alignmentMillis = Collections.synchronizedList(new ArrayList<>());
        Map<String, AtomicInteger> errors = new ConcurrentHashMap<>();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger alignmentFailures = new AtomicInteger();
        int dropped = 0;
        int sent = 0;
        long period = 1_000_000_000L / rate;
        long total = (long) rate * seconds;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * period;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            if (inFlight.get() >= maxInFlight) {
                dropped++;
                continue;
            }
            ThreadLocalRandom random = ThreadLocalRandom.current();
            Seed.Seeded target = seeded.get(random.nextInt(seeded.size()));
            List<String> people = target.people();
            int first = random.nextInt(people.size());
            int second = (first + 1 + random.nextInt(people.size() - 1)) % people.size();
            String path = "/initiatives/" + target.initiativeId() + "/relationships";
            long sentAt = System.nanoTime();
            inFlight.incrementAndGet();
            sent++;
            boolean sampled = random.nextDouble() < sample;
            commands.post(path, Probe.JSON.writeValueAsString(Probe.relationship(
                    List.of(people.get(first), people.get(second)), "Freshness " + i))).whenComplete((response, failure) -> {
                        long at = System.nanoTime();
                        inFlight.decrementAndGet();
                        if (failure != null || response.status() / 100 != 2) {
                            String what = failure != null ? failure.getClass().getSimpleName()
                                    : Integer.toString(response.status());
                            errors.computeIfAbsent(what, key -> new AtomicInteger()).incrementAndGet();
                            return;
                        }
                        commandMillis.add((at - sentAt) / 1e6);
                        long version = versionOf(response, path);
                        answered.put(target.initiativeId() + "/" + version, at);
                        if (sampled) {
                            readAlignment(reads, target.initiativeId(), version, at, alignmentMillis, alignmentFailures);
                        }
                    });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        Probe.log("sent %d in %.1f s (%d dropped), waiting for answers and arrivals", sent, sendSeconds, dropped);
        long drainUntil = System.nanoTime() + Duration.ofSeconds(probe.number("drain-seconds", 70, 70)).toNanos();
        while (System.nanoTime() < drainUntil && (inFlight.get() > 0 || pendingReads.get() > 0
                || !arrivals.keySet().containsAll(answered.keySet()))) {
            Thread.sleep(20);
        }
        consuming.set(false);
        consumer.join(5_000);
        commands.close();
        reads.close();

        List<Double> topicMillis = new ArrayList<>();
        int missing = 0;
        for (Map.Entry<String, Long> ok : answered.entrySet()) {
            Long arrival = arrivals.get(ok.getKey());
            if (arrival == null) {
                missing++;
            } else {
                topicMillis.add((arrival - ok.getValue()) / 1e6);
            }
        }
        int errorCount = errors.values().stream().mapToInt(AtomicInteger::get).sum();
        Probe.log("errors by status: %s; %d of %d answered events never seen on the topic", errors, missing,
                answered.size());
        Probe.figure("freshness_rate_target", rate, "1/s");
        Probe.figure("freshness_rate_sent", sent / sendSeconds, "1/s");
        Probe.figure("freshness_rate_achieved", answered.size() / sendSeconds, "1/s");
        Probe.figure("freshness_errors", errorCount, "count");
        Probe.figure("freshness_dropped_sends", dropped, "count");
        Probe.figure("freshness_command_p50_ms", Probe.percentile(commandMillis, 50), "ms");
        Probe.figure("freshness_command_p99_ms", Probe.percentile(commandMillis, 99), "ms");
        Probe.figure("freshness_topic_p50_ms", Probe.percentile(topicMillis, 50), "ms");
        Probe.figure("freshness_topic_p99_ms", Probe.percentile(topicMillis, 99), "ms");
        Probe.figure("freshness_topic_missing", missing, "count");
        Probe.figure("freshness_alignment_p50_ms", Probe.percentile(alignmentMillis, 50), "ms");
        Probe.figure("freshness_alignment_p99_ms", Probe.percentile(alignmentMillis, 99), "ms");
        Probe.figure("freshness_alignment_samples", alignmentMillis.size(), "count");
        Probe.figure("freshness_alignment_failures", alignmentFailures.get(), "count");
        if (answered.isEmpty()) {
            throw new IllegalStateException("no command succeeded: " + errors);
        }
    }

    static final AtomicInteger pendingReads = new AtomicInteger();

    static long versionOf(PooledHttp.Answer answer, String path) {
        try {
            return Probe.version(Probe.JSON.readTree(answer.body()));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("POST " + path + " answered unreadable JSON: " + answer.body(), e);
        }
    }

    /**
     * Sends {@code GET …/alignment?minVersion=version} now and notes how long after
     * {@code answeredAt} it is 200; the server answers 503 after waiting 5 s, and then the
     * read is sent again, up to a minute after the 2xx, so that freshness beyond 5 s is measured too.
     */
    static void readAlignment(PooledHttp reads, String initiativeId, long version, long answeredAt, List<Double> millis,
                              AtomicInteger failures) {
        pendingReads.incrementAndGet();
        reads.get("/initiatives/" + initiativeId + "/alignment?minVersion=" + version).whenComplete((response, failure) -> {
                    if (failure == null && response.status() == 200) {
                        millis.add((System.nanoTime() - answeredAt) / 1e6);
                    } else if (failure == null && response.status() == 503
                            && System.nanoTime() - answeredAt < 60_000_000_000L) {
                        readAlignment(reads, initiativeId, version, answeredAt, millis, failures);
                    } else if (failures.incrementAndGet() <= 3) {
                        Probe.log("GET alignment of %s at minVersion %d: %s", initiativeId, version,
                                failure != null ? failure : response.status());
                    }
                    pendingReads.decrementAndGet();
                });
    }

    /** Assigns every partition of the topic from its end (before the first send) and notes arrivals until told to stop. */
    static Thread startConsumer(String bootstrap, Map<String, Long> arrivals, AtomicBoolean consuming) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        settings.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        settings.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        settings.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(settings);
        List<TopicPartition> partitions = kafka.partitionsFor(TOPIC, Duration.ofSeconds(30)).stream()
                .map(info -> new TopicPartition(TOPIC, info.partition())).toList();
        kafka.assign(partitions);
        kafka.seekToEnd(partitions);
        partitions.forEach(kafka::position);
        Thread thread = new Thread(() -> {
            try (kafka) {
                while (consuming.get()) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofMillis(5))) {
                        long at = System.nanoTime();
                        Header version = record.headers().lastHeader("ce_streamversion");
                        if (version != null) {
                            arrivals.putIfAbsent(record.key() + "/" + new String(version.value(),
                                    StandardCharsets.UTF_8), at);
                        }
                    }
                }
            }
        }, "topic-arrivals");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
