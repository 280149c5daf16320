package dev.accord.faults;

import dev.accord.faults.LoadClients.Receipt;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Looks behind the service: the event store and outbox over JDBC, the events topic with a
 * consumer of its own. These are the ground truth receipts are checked against.
 */
final class StoreInspector {

    static final String EVENTS_TOPIC = "accord.alignment.events";
    static final String SIGNALS_TOPIC = "accord.alignment.signals";
    static final String PROJECTION_GROUP = "accord-projection";

    private final String jdbcUrl;
    private final String username;
    private final String password;
    private final String bootstrapServers;

    StoreInspector(Map<String, String> quarkusConfig) {
        jdbcUrl = quarkusConfig.get("quarkus.datasource.jdbc.url");
        username = quarkusConfig.get("quarkus.datasource.username");
        password = quarkusConfig.get("quarkus.datasource.password");
        bootstrapServers = quarkusConfig.get("kafka.bootstrap.servers");
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /** Receipts with no event of the same id, initiative and version in the store. */
    List<Receipt> missingFromStore(Collection<Receipt> receipts) {
        Set<Receipt> stored = new HashSet<>();
        query("select event_id, initiative_id, version from event_store", rows -> stored.add(
                new Receipt(rows.getObject(1, UUID.class), rows.getObject(2, UUID.class), rows.getLong(3))));
        return receipts.stream().filter(receipt -> !stored.contains(receipt)).toList();
    }

    long events() {
        return count("select count(*) from event_store");
    }

    /**
     * Half-written: an event neither waiting in the outbox nor on {@code topic} (it would never be
     * published; the relay deletes a row once published), or an outbox row without its event.
     */
    long halfWritten(TopicCensus topic) {
        AtomicLong unpublished = new AtomicLong();
        query("select e.event_id from event_store e where not exists"
                + " (select 1 from outbox o where o.event_id = e.event_id)", rows -> {
                    if (!topic.byId().containsKey(rows.getString(1))) {
                        unpublished.incrementAndGet();
                    }
                });
        return unpublished.get() + count("select count(*) from outbox o where not exists"
                + " (select 1 from event_store e where e.event_id = o.event_id)");
    }

    /**
     * How many records of {@code ceType} naming {@code about} the initiative has on the signals
     * topic, once none of its alignment records waits in the outbox.
     */
    long alignmentRecords(UUID initiativeId, String ceType, String about) {
        await("the initiative's alignment records to be published", Duration.ofSeconds(30),
                () -> count("select count(*) from alignment_outbox where record_key = '" + initiativeId + "'") == 0,
                () -> "still in alignment_outbox");
        AtomicLong found = new AtomicLong();
        readToEnd(SIGNALS_TOPIC, record -> {
            Header type = record.headers().lastHeader("ce_type");
            if (initiativeId.toString().equals(new String(record.key(), StandardCharsets.UTF_8)) && type != null
                    && ceType.equals(new String(type.value(), StandardCharsets.UTF_8))
                    && new String(record.value(), StandardCharsets.UTF_8).contains(about)) {
                found.incrementAndGet();
            }
        });
        return found.get();
    }

    long unsent() {
        return count("select count(*) from outbox where sent_at is null");
    }

    /** Initiatives whose versions are not exactly 1..n, described. */
    List<String> versionGaps() {
        List<String> gaps = new ArrayList<>();
        query("select initiative_id, count(*), min(version), max(version) from event_store group by initiative_id",
                rows -> {
                    if (rows.getLong(3) != 1 || rows.getLong(2) != rows.getLong(4)) {
                        gaps.add(rows.getString(1) + ": " + rows.getLong(2) + " events, versions "
                                + rows.getLong(3) + ".." + rows.getLong(4));
                    }
                });
        return gaps;
    }

    Map<UUID, Long> latestVersions() {
        Map<UUID, Long> latest = new LinkedHashMap<>();
        query("select initiative_id, max(version) from event_store group by initiative_id order by 1",
                rows -> latest.put(rows.getObject(1, UUID.class), rows.getLong(2)));
        return latest;
    }

    /** Initiatives where either read model is behind (or ahead of) the store. */
    List<String> unprojected() {
        List<String> behind = new ArrayList<>();
        query("""
                select s.initiative_id, s.latest, a.version, d.version
                  from (select initiative_id, max(version) as latest from event_store group by initiative_id) s
                  left join alignment_view a on a.initiative_id = s.initiative_id
                  left join initiative_view d on d.initiative_id = s.initiative_id
                 where a.version is distinct from s.latest or d.version is distinct from s.latest""",
                rows -> behind.add(rows.getString(1) + ": store " + rows.getLong(2) + ", alignment "
                        + rows.getString(3) + ", details " + rows.getString(4)));
        return behind;
    }

    /** Waits until the relay has published every event; answers how long that took. */
    Duration awaitOutboxDrained(Duration timeout) {
        return await("the outbox to drain", timeout, () -> unsent() == 0, () -> unsent() + " rows unsent");
    }

    /** Waits until both read models have applied every initiative's latest version. */
    Duration awaitProjected(Duration timeout) {
        return await("the read models to catch up", timeout, () -> unprojected().isEmpty(),
                () -> String.join("\n", unprojected()));
    }

    /** Every record on the events topic, from the beginning to its current end, by {@code ce_id}. */
    TopicCensus topic() {
        Map<String, Integer> byId = new HashMap<>();
        AtomicLong records = new AtomicLong();
        readToEnd(EVENTS_TOPIC, record -> {
            records.incrementAndGet();
            Header id = record.headers().lastHeader("ce_id");
            if (id != null) {
                byId.merge(new String(id.value(), StandardCharsets.UTF_8), 1, Integer::sum);
            }
        });
        return new TopicCensus(records.get(), byId);
    }

    /** Hands every record of {@code topic}, from the beginning to its current end, to {@code each}. */
    private void readToEnd(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not read " + topic + " to its end in 60 s");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    each.accept(record);
                }
            }
        }
    }

    /** The topic's records: how many, and how often each {@code ce_id} occurs. */
    record TopicCensus(long records, Map<String, Integer> byId) {

        List<Receipt> missing(Collection<Receipt> receipts) {
            return receipts.stream().filter(receipt -> !byId.containsKey(receipt.eventId().toString())).toList();
        }

        /** Records beyond the first of each id: what a subscriber deduplicating on {@code ce_id} drops. */
        long duplicates() {
            return byId.values().stream().mapToLong(count -> count - 1).sum();
        }
    }

    /** The projection's committed offset on a partition of the events topic; -1 before its first commit. */
    long projectionCommitted(int partition) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(PROJECTION_GROUP).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(EVENTS_TOPIC, partition));
            return committed == null ? -1 : committed.offset();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the projection's offsets: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(entry -> consumer.position(entry.getKey()) >= entry.getValue());
    }

    static Duration await(String what, Duration timeout, BooleanSupplier done, Supplier<String> state) {
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        while (true) {
            if (done.getAsBoolean()) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; still:\n"
                        + state.get());
            }
            ServiceProcess.pause(Duration.ofMillis(250));
        }
    }

    interface RowReader {
        void read(ResultSet rows) throws SQLException;
    }

    void query(String sql, RowReader reader) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                reader.read(rows);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    private long count(String sql) {
        AtomicLong count = new AtomicLong();
        query(sql, rows -> count.set(rows.getLong(1)));
        return count.get();
    }
}
