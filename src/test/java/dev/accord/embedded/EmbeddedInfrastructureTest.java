package dev.accord.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.accord.embedded.EmbeddedStartupException.Reason;

/**
 * The embedded PostgreSQL and Kafka for real: data survives restarts, stopping leaves no
 * server process behind, and a start after the JVM was killed recovers the orphaned
 * PostgreSQL instead of talking to it.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedInfrastructureTest {

    private static final String EVENTS = "accord.alignment.events";

    @TempDir
    Path dataDir;

    @Test
    void rows_records_and_committed_offsets_survive_a_clean_restart_and_stop_leaves_no_postgres() throws Exception {
        EmbeddedSettings settings = EmbeddedSettings.onFreePorts(dataDir);
        String key = UUID.randomUUID().toString();

        EmbeddedInfrastructure first = EmbeddedInfrastructure.start(settings);
        try {
            EmbeddedPostgres postgres = first.postgres().orElseThrow();
            execute(postgres, "CREATE TABLE note (id text PRIMARY KEY, body text)",
                    "INSERT INTO note VALUES ('" + key + "', 'kept')");
            assertEquals(List.of("kept"), query(postgres, "SELECT body FROM note WHERE id = '" + key + "'"));

            String bootstrap = first.kafka().orElseThrow().bootstrapServers();
            assertTopicsAsAccordNeedsThem(bootstrap);
            produce(bootstrap, key, "first record");
            assertEquals(List.of("first record"), consumeAll(bootstrap, "before-restart", key));
        } finally {
            first.stop();
        }
        assertEquals(List.of(), Postmaster.processesOf(settings.postgresDir().resolve("pgdata")),
                "postgres processes left after stop");
        assertTrue(Ports.isFree(settings.postgresPort()) && Ports.isFree(settings.kafkaPort()), "ports released");

        EmbeddedInfrastructure second = EmbeddedInfrastructure.start(settings);
        try {
            assertEquals(List.of("kept"),
                    query(second.postgres().orElseThrow(), "SELECT body FROM note WHERE id = '" + key + "'"));
            String bootstrap = second.kafka().orElseThrow().bootstrapServers();
            assertEquals(List.of("first record"), consumeAll(bootstrap, "after-restart", key));
            assertEquals(1L, committedRecords(bootstrap, "before-restart"),
                    "offsets committed before the restart are still there");
        } finally {
            second.stop();
        }
        assertEquals(List.of(), Postmaster.processesOf(settings.postgresDir().resolve("pgdata")));
    }

    @Test
    void a_killed_accord_leaves_postgres_orphaned_and_the_next_start_stops_it_and_recovers_the_data()
            throws Exception {
        EmbeddedSettings settings = EmbeddedSettings.onFreePorts(dataDir);
        Path pgdata = settings.postgresDir().resolve("pgdata");
        String key = UUID.randomUUID().toString();

        Process accord = startInAnotherJvm(settings);
        List<Long> orphans;
        try {
            EmbeddedStartupException refused = assertThrows(EmbeddedStartupException.class,
                    () -> EmbeddedInfrastructure.start(settings), "a second Accord on the same data directory");
            assertEquals(Reason.DATA_DIR_IN_USE, refused.reason());
            assertTrue(refused.getMessage().contains(Long.toString(accord.pid())), refused.getMessage());

            try (Connection connection = DriverManager.getConnection(
                    "jdbc:postgresql://127.0.0.1:" + settings.postgresPort() + "/accord", "accord",
                    PostgresCredentials.read(settings.postgresDir()).orElseThrow().password());
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (id text PRIMARY KEY, body text)");
                statement.execute("INSERT INTO note VALUES ('" + key + "', 'written before the kill')");
            }
            produce("127.0.0.1:" + settings.kafkaPort(), key, "sent before the kill");
        } finally {
            accord.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        orphans = Postmaster.processesOf(pgdata);
        assertFalse(orphans.isEmpty(), "PostgreSQL outlives a SIGKILLed JVM; that is what the restart must handle");

        long restart = System.nanoTime();
        EmbeddedInfrastructure recovered = EmbeddedInfrastructure.start(settings);
        try {
            System.out.printf("restart after SIGKILL took %d ms%n",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restart));
            orphans.forEach(pid -> assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false),
                    "orphan " + pid + " stopped"));
            assertNotEquals(List.of(), Postmaster.processesOf(pgdata));
            assertEquals(List.of("written before the kill"),
                    query(recovered.postgres().orElseThrow(), "SELECT body FROM note WHERE id = '" + key + "'"));
            assertEquals(List.of("sent before the kill"),
                    consumeAll(recovered.kafka().orElseThrow().bootstrapServers(), "after-kill", key));
        } finally {
            recovered.stop();
        }
        assertEquals(List.of(), Postmaster.processesOf(pgdata));
    }

    private Process startInAnotherJvm(EmbeddedSettings settings) throws IOException, InterruptedException {
        Path output = dataDir.resolve("other-jvm.log");
        Process process = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Djava.util.logging.manager=org.jboss.logmanager.LogManager",
                OtherAccordProcess.class.getName(),
                settings.dataDir().toString(),
                Integer.toString(settings.postgresPort()),
                Integer.toString(settings.kafkaPort()))
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String log = Files.exists(output) ? Files.readString(output, StandardCharsets.UTF_8) : "";
            if (log.contains(OtherAccordProcess.READY)) {
                return process;
            }
            if (!process.isAlive()) {
                throw new AssertionError("the other JVM exited early:\n" + log);
            }
            Thread.sleep(100);
        }
        process.destroyForcibly();
        throw new AssertionError("the other JVM did not start:\n" + Files.readString(output, StandardCharsets.UTF_8));
    }

    private static void assertTopicsAsAccordNeedsThem(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<String, TopicDescription> topics = admin.describeTopics(
                    EmbeddedKafka.TOPICS.stream().map(EmbeddedKafka.Topic::name).toList()).allTopicNames().get();
            Map<String, Integer> partitions = topics.values().stream()
                    .collect(Collectors.toMap(TopicDescription::name, topic -> topic.partitions().size()));
            assertEquals(Map.of("accord.alignment.events", 3, "accord.alignment.events.dlq", 1,
                    "accord.alignment.signals", 3, "accord.alignment.state", 3), partitions);
            ConfigResource state = new ConfigResource(ConfigResource.Type.TOPIC, "accord.alignment.state");
            Config config = admin.describeConfigs(List.of(state)).all().get().get(state);
            assertEquals("compact", config.get("cleanup.policy").value());
        }
    }

    private static void produce(String bootstrap, String key, String value) throws Exception {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer())) {
            producer.send(new ProducerRecord<>(EVENTS, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Every value under this key in the events topic, read from the start by a new group that commits. */
    private static List<String> consumeAll(String bootstrap, String group, String key) throws Exception {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(EVENTS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        values.add(record.value());
                    }
                }
            }
            consumer.commitSync();
        }
        return values;
    }

    private static long committedRecords(String bootstrap, String group) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, Long> ends = new HashMap<>();
            for (var partition : admin.listOffsets(offsets.keySet().stream()
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all().get().entrySet()) {
                ends.put(partition.getKey(), partition.getValue().offset());
            }
            assertEquals(ends, offsets.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset())),
                    "the group had consumed up to the end");
            return offsets.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static void execute(EmbeddedPostgres postgres, String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password()); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private static List<String> query(EmbeddedPostgres postgres, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(postgres.jdbcUrl(), postgres.username(),
                postgres.password()); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getString(1));
            }
            return values;
        }
    }
}
