package dev.accord.eventstore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Publishes the outboxes to Kafka in id order (which is version order per initiative) and deletes
 * rows only after the broker acknowledged them: the events' ({@link EventOutbox}) and the
 * alignment state's and signals' ({@link RecordOutbox}), claimed in the same round. A row has done
 * its job once published (the event store keeps the record), and deleting it writes less than
 * marking it would: an update of the row is a whole new version of it, in every index.
 *
 * <p>Why it is safe: rows are picked by being still there (and unsent: see {@link Outbox}), never
 * by a high-water mark, so a row whose transaction commits late is simply picked in a later round.
 * One transaction-scoped advisory lock lets one replica relay at a time, which keeps
 * per-initiative order across replicas; {@code FOR UPDATE SKIP LOCKED} keeps rows from being
 * claimed twice even so. If Kafka is down the round fails, nothing is deleted, and the rows wait:
 * commands never depend on the broker.
 *
 * <p>Why it never holds the database long: a round's transaction, locks included, lasts at most
 * {@code accord.relay.transaction-timeout}. Publishing gets half of it (the producer's own
 * timeouts are derived from that half), PostgreSQL ends the session if it is ever idle in the
 * transaction for the whole bound, and after a failed round no transaction is opened again
 * until the broker answers. A round cut short is published again whole: at-least-once, in order.
 *
 * <p>Why no record stalls it: a record the broker would refuse for its size would fail every
 * round, and every row behind it would wait for good. So the producer compresses and takes records
 * up to {@code accord.relay.max-record-bytes} (the topics are created to take as much), and a
 * record still over that bound is set aside: deleted like a sent row, counted
 * ({@code accord_relay_oversized_records_total}) and logged with its topic, key and ce_id, and the
 * rows behind it go out.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    /** "Accord" in ASCII: the advisory lock only the relay takes. */
    private static final long RELAY_LOCK = 0x4163636f7264L;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final Duration BACKLOG_REFRESH = Duration.ofSeconds(1);
    private static final Duration LEFTOVER_PURGE = Duration.ofMinutes(1);
    /** The bounds {@code accord.relay.max-record-bytes} must stay within. */
    static final int MIN_RECORD_BYTES = 64 * 1024;
    /** Half the producer's default buffer (32 MiB), which must hold a record whole. */
    static final int MAX_RECORD_BYTES = 16 * 1024 * 1024;
    /**
     * Room over the record bound for what the producer counts besides key, value and headers
     * (the record's and its batch's framing), so that a record within the bound is never refused.
     */
    static final int FRAMING_BYTES = 16 * 1024;

    @Inject
    Pool pool;

    @Inject
    Vertx vertx;

    @Inject
    BrokerProbe broker;

    @Inject
    KafkaConnection connection;

    @Inject
    RecordOutbox records;

    @ConfigProperty(name = "accord.topics.events")
    String topic;

    @ConfigProperty(name = "accord.relay.batch-size", defaultValue = "500")
    int batchSize;

    @ConfigProperty(name = "accord.relay.poll-interval", defaultValue = "200ms")
    Duration pollInterval;

    @ConfigProperty(name = "accord.relay.transaction-timeout", defaultValue = "5s")
    Duration transactionTimeout;

    @ConfigProperty(name = "accord.relay.max-record-bytes", defaultValue = "8388608")
    int maxRecordBytes;

    @ConfigProperty(name = "accord.relay.compression", defaultValue = "lz4")
    String compression;

    @Inject
    MeterRegistry meters;

    private final Semaphore wakeUps = new Semaphore(0);
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong published = new AtomicLong();
    private Counter oversized;
    private volatile boolean running;
    private volatile Thread worker;
    private volatile String failure;
    private KafkaProducer<String, String> producer;
    /** The events first: of the two, subscribers are most often behind on them. */
    private List<Outbox> outboxes;
    private long backlogTimer = -1;
    private long lastPurge;

    void start(@Observes StartupEvent startup) {
        if (transactionTimeout.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("accord.relay.transaction-timeout must be at least 1s, not "
                    + transactionTimeout);
        }
        requireRecordBound(maxRecordBytes);
        oversized = Counter.builder("accord.relay.oversized.records")
                .description("Outbox records set aside unpublished because they exceed accord.relay.max-record-bytes")
                .register(meters);
        outboxes = List.of(new EventOutbox(topic), records);
        producer = new KafkaProducer<>(producerProperties());
        running = true;
        // Counted apart from the rounds, so that the gauge stays true while none succeeds.
        backlogTimer = vertx.setPeriodic(BACKLOG_REFRESH.toMillis(), tick -> refreshBacklog());
        worker = new Thread(this::run, "accord-outbox-relay");
        worker.setDaemon(true);
        worker.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        vertx.cancelTimer(backlogTimer);
        wakeUp();
        Thread thread = worker;
        if (thread != null) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** Called after a command committed, so events leave at once rather than at the next poll. */
    public void wakeUp() {
        wakeUps.release();
    }

    /** Unsent outbox rows, as of the last count (refreshed about every second, Kafka up or not). */
    public long backlog() {
        return backlog.get();
    }

    public long publishedCount() {
        return published.get();
    }

    /** Why the last round failed, while rounds fail; empty once one succeeds again. */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    private void run() {
        Duration backoff = pollInterval;
        while (running) {
            try {
                if (failure != null) {
                    broker.reachable(publishTimeout()).await().atMost(publishTimeout().multipliedBy(2));
                }
                int sent = relayOnce().await().atMost(transactionTimeout.multipliedBy(2));
                purgeLeftovers();
                if (failure != null) {
                    LOG.info("Outbox relay publishes again");
                    failure = null;
                }
                backoff = pollInterval;
                if (sent < batchSize) {
                    wakeUps.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                if (failure == null) {
                    LOG.warnf("Outbox relay cannot publish yet (%s); events wait in the outbox and will be retried",
                            rootMessage(e));
                } else {
                    LOG.debugf(e, "Outbox relay still failing");
                }
                failure = rootMessage(e);
                sleep(backoff);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }

    /**
     * One round: claim a batch, publish it, delete it, all in one transaction of bounded length.
     * The bounds are set, and the relay's lock tried, in the round's first statement; the bounds
     * hold for the statements after it.
     */
    Uni<Integer> relayOnce() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("""
                        select set_config('idle_in_transaction_session_timeout', $1, true),
                               set_config('statement_timeout', $1, true),
                               pg_try_advisory_xact_lock($2) as locked""")
                .execute(Tuple.of(Long.toString(transactionTimeout.toMillis()), RELAY_LOCK))
                .chain(locked -> locked.iterator().next().getBoolean("locked")
                        ? relayClaimed(connection)
                        : Uni.createFrom().item(0)));
    }

    /**
     * Claims a batch of each outbox, publishes them together and deletes what the broker
     * acknowledged (and what it set aside); the round's count is the largest batch, so a full one
     * calls the next round at once.
     */
    private Uni<Integer> relayClaimed(SqlConnection connection) {
        Uni<List<Claimed>> claiming = Uni.createFrom().item(new ArrayList<>());
        for (Outbox outbox : outboxes) {
            claiming = claiming.chain(claimed -> connection.preparedQuery(outbox.claim())
                    .execute(Tuple.of(batchSize))
                    .map(rows -> {
                        if (rows.size() > 0) {
                            claimed.add(new Claimed(outbox, rows));
                        }
                        return claimed;
                    }));
        }
        return claiming.chain(claimed -> {
            if (claimed.isEmpty()) {
                return Uni.createFrom().item(0);
            }
            // Sending may block on broker metadata: keep it off the event loop.
            return Uni.createFrom().item(() -> publish(claimed))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                    .chain(sent -> delete(connection, claimed))
                    .replaceWith(claimed.stream().mapToInt(batch -> batch.rows().size()).max().orElse(0));
        });
    }

    /** One outbox's rows claimed in a round. */
    private record Claimed(Outbox outbox, RowSet<Row> rows) {
    }

    /** Deletes the claimed rows, in the round's transaction: they are published (or set aside). */
    private Uni<Void> delete(SqlConnection connection, List<Claimed> claimed) {
        Uni<Void> deleting = Uni.createFrom().voidItem();
        for (Claimed batch : claimed) {
            List<Long> ids = new ArrayList<>(batch.rows().size());
            batch.rows().forEach(row -> ids.add(row.getLong("id")));
            deleting = deleting.chain(() -> connection
                    .preparedQuery("delete from " + batch.outbox().table() + " where id = any($1)")
                    .execute(Tuple.of(ids.toArray(new Long[0]))).replaceWithVoid());
        }
        return deleting;
    }

    /**
     * {@code accord.relay.max-record-bytes} within its bounds: at least what any event or a small
     * initiative's state takes, at most what a broker can be expected to hold in one batch.
     */
    static void requireRecordBound(int maxRecordBytes) {
        if (maxRecordBytes < MIN_RECORD_BYTES || maxRecordBytes > MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("accord.relay.max-record-bytes must be between " + MIN_RECORD_BYTES
                    + " and " + MAX_RECORD_BYTES + ", not " + maxRecordBytes);
        }
    }

    /**
     * Sends every claimed row within the record bound and waits, within the publishing time, until
     * the broker acknowledged them all. A row over the bound, or one the broker refuses for its
     * size (a topic created with a smaller {@code max.message.bytes}), is set aside, and is deleted
     * with the rest.
     */
    private int publish(List<Claimed> claimed) {
        long deadline = System.nanoTime() + publishTimeout().toNanos();
        List<Sending> sending = new ArrayList<>();
        for (Claimed batch : claimed) {
            for (Row row : batch.rows()) {
                requireBefore(deadline);
                ProducerRecord<String, String> record = batch.outbox().record(row);
                int size = sizeOf(record);
                if (size > maxRecordBytes) {
                    setAside(batch.outbox(), record, size);
                } else {
                    sending.add(new Sending(batch.outbox(), record, size, producer.send(record)));
                }
            }
        }
        int acknowledged = 0;
        for (Sending send : sending) {
            try {
                send.acknowledgement().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                acknowledged++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the broker", e);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("broker did not acknowledge within " + publishTimeout().toMillis()
                        + " ms", e);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof RecordTooLargeException)) {
                    throw new IllegalStateException("broker did not acknowledge: " + rootMessage(e), e);
                }
                setAside(send.outbox(), send.record(), send.size());
            }
        }
        published.addAndGet(acknowledged);
        return acknowledged;
    }

    /** A record handed to the producer, with what setting it aside would log. */
    private record Sending(Outbox outbox, ProducerRecord<String, String> record, int size,
                           Future<RecordMetadata> acknowledgement) {
    }

    /*
     * A state grows with what is open in an initiative and may outgrow the bound: a subscriber
     * then misses that version and the next state within it replaces it. An event is bounded by
     * the input limits and should never get here, hence the error.
     */
    private void setAside(Outbox outbox, ProducerRecord<String, String> record, int size) {
        oversized.increment();
        String message = "Outbox relay sets aside a record of %d bytes, over accord.relay.max-record-bytes (%d)"
                + " or the topic's max.message.bytes, and deletes it from the outbox unpublished: "
                + "topic %s, key %s, version %s, type %s, ce_id %s";
        Object[] arguments = {size, maxRecordBytes, record.topic(), record.key(),
                header(record, "ce_streamversion"), header(record, "ce_type"), header(record, "ce_id")};
        if (outbox instanceof EventOutbox) {
            LOG.errorf(message, arguments);
        } else {
            LOG.warnf(message, arguments);
        }
    }

    /** What the producer weighs a record at, framing aside: key, value and headers. */
    static int sizeOf(ProducerRecord<String, String> record) {
        long size = utf8Length(record.key()) + utf8Length(record.value());
        for (Header header : record.headers()) {
            size += utf8Length(header.key()) + (header.value() == null ? 0 : header.value().length);
        }
        return (int) Math.min(Integer.MAX_VALUE, size);
    }

    /** Counted, not encoded: a state record's value is about a megabyte, and the producer encodes it anyway. */
    private static long utf8Length(String text) {
        if (text == null) {
            return 0;
        }
        long length = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                length++;
            } else if (c < 0x800) {
                length += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                length += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                length++; // unpaired: encoded as '?'
            } else {
                length += 3;
            }
        }
        return length;
    }

    private static String header(ProducerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private void requireBefore(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new IllegalStateException("broker did not take the batch within " + publishTimeout().toMillis() + " ms");
        }
    }

    /** Half the transaction's bound, so that claiming and marking fit in the other half. */
    private Duration publishTimeout() {
        return transactionTimeout.dividedBy(2);
    }

    /*
     * Through withConnection rather than pool.query: while PostgreSQL is down, Vert.x 4.5 leaves
     * the wait timer of a failed pool.query running, and it fails the finished query again later
     * (vertx-sql-client#1706), logging an error each time.
     */
    private void refreshBacklog() {
        pool.withConnection(connection -> connection
                        .query(outboxes.stream()
                                .map(outbox -> "(select count(*) from " + outbox.table() + " where sent_at is null)")
                                .collect(Collectors.joining(" + ", "select ", " as unsent"))).execute())
                .map(rows -> rows.iterator().next().getLong("unsent"))
                .subscribe().with(backlog::set,
                        failed -> LOG.debugf("cannot count the outbox backlog: %s", failed.getMessage()));
    }

    /** {@link #deleteLeftovers} about once a minute. */
    private void purgeLeftovers() {
        long now = System.nanoTime();
        if (now - lastPurge >= LEFTOVER_PURGE.toNanos()) {
            lastPurge = now;
            deleteLeftovers();
        }
    }

    /**
     * Deletes the rows marked sent rather than deleted, by the release before this one (also while
     * old and new replicas run side by side during a rollout): they have done their job too.
     */
    void deleteLeftovers() {
        for (Outbox outbox : outboxes) {
            pool.withConnection(connection -> connection
                            .query("delete from " + outbox.table() + " where sent_at is not null").execute())
                    .await().atMost(transactionTimeout);
        }
    }

    /*
     * The producer gives up on a record within the publishing time, so that records of a round
     * that was abandoned and rolled back do not keep being retried behind the next round's.
     */
    private Properties producerProperties() {
        int publishMillis = (int) publishTimeout().toMillis();
        Properties properties = new Properties();
        properties.putAll(connection.settings());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, "accord-outbox-relay-" + UUID.randomUUID());
        properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        // JSON shrinks several times over; the broker checks a record's compressed size.
        properties.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, maxRecordBytes + FRAMING_BYTES);
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, publishMillis / 2);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, publishMillis / 2);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, publishMillis);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        return properties;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
