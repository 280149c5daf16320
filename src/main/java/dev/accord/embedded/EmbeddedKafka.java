package dev.accord.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.utils.Time;
import org.jboss.logging.Logger;

import dev.accord.embedded.EmbeddedStartupException.Reason;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

/**
 * A real single-node Kafka (KRaft, broker and controller in one) running inside this JVM,
 * listening on 127.0.0.1 only, with Accord's topics.
 * <p>
 * Layout of the directory given to {@link #start}: {@code accord.lock}, {@code server.properties}
 * (written at every start, for inspection and for the storage tool), {@code controller.port}
 * and {@code logs/} (topics, committed offsets and the cluster metadata).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedKafka.class);

    /** A topic Accord needs before its producers and consumers start. */
    public record Topic(String name, int partitions, Map<String, String> configs) {
    }

    /*
     * The largest batch the topics the outbox relay publishes take: the most
     * accord.relay.max-record-bytes allows (16 MiB) plus the framing the relay allows for, so
     * whatever the relay is configured to send, the broker takes.
     */
    private static final String MAX_MESSAGE_BYTES = Integer.toString(16 * 1024 * 1024 + 16 * 1024);

    public static final List<Topic> TOPICS = List.of(
            // Kept forever: subscribers and read models may be rebuilt from the topic.
            new Topic("accord.alignment.events", 3, Map.of("retention.ms", "-1", "retention.bytes", "-1",
                    "max.message.bytes", MAX_MESSAGE_BYTES)),
            new Topic("accord.alignment.events.dlq", 1, Map.of()),
            new Topic("accord.alignment.signals", 3, Map.of("max.message.bytes", MAX_MESSAGE_BYTES)),
            new Topic("accord.alignment.state", 3, Map.of("cleanup.policy", "compact",
                    "max.message.bytes", MAX_MESSAGE_BYTES)));

    private static final int NODE_ID = 1;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    /*
     * The broker logs every partition's state change at INFO: hundreds of lines per start,
     * before Quarkus has applied application.properties. Held here so the level is not
     * garbage-collected with the logger; an explicitly configured level is left alone.
     */
    private static final java.util.logging.Logger STATE_CHANGE_LOG = java.util.logging.Logger
            .getLogger("state.change.logger");

    private final KafkaRaftServer server;
    private final DirectoryLock lock;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafka(KafkaRaftServer server, DirectoryLock lock, int port) {
        this.server = server;
        this.lock = lock;
        this.port = port;
    }

    /**
     * Starts the broker on {@code 127.0.0.1:port} with its data in {@code dataDir}, formatting
     * the storage on first use only (so topics, records and offsets survive restarts), waits
     * until it answers and creates the missing topics.
     */
    public static EmbeddedKafka start(Path dataDir, int port) {
        long started = System.nanoTime();
        if (STATE_CHANGE_LOG.getLevel() == null) {
            STATE_CHANGE_LOG.setLevel(java.util.logging.Level.WARNING);
        }
        DirectoryLock lock = DirectoryLock.acquire(dataDir);
        Path dir = lock.directory();
        KafkaRaftServer server = null;
        try {
            Ports.requireFree(port, "Kafka");
            int controllerPort = controllerPort(dir, port);
            Properties properties = brokerProperties(dir.resolve("logs"), port, controllerPort);
            Path config = write(properties, dir.resolve("server.properties"));
            if (!Files.exists(dir.resolve("logs").resolve("meta.properties"))) {
                format(config);
            }
            server = new KafkaRaftServer(new KafkaConfig(properties, false), Time.SYSTEM);
            server.startup();
            String bootstrap = bootstrapServers(port);
            try (Admin admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
                awaitBroker(admin);
                createMissingTopics(admin);
            }
            LOG.infof("Kafka ready on %s in %d ms (data in %s)", bootstrap,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), dir);
            return new EmbeddedKafka(server, lock, port);
        } catch (EmbeddedStartupException e) {
            shutdownQuietly(server);
            lock.close();
            throw e;
        } catch (RuntimeException e) {
            shutdownQuietly(server);
            lock.close();
            throw new EmbeddedStartupException(Reason.FAILED,
                    "Kafka did not start on port " + port + ": " + EmbeddedStartupException.rootMessage(e), e);
        }
    }

    private static Properties brokerProperties(Path logs, int port, int controllerPort) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", Integer.toString(NODE_ID));
        p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logs.toString());
        // One node: every internal topic must be satisfiable with a single replica.
        p.put("offsets.topic.replication.factor", "1");
        p.put("transaction.state.log.replication.factor", "1");
        p.put("transaction.state.log.min.isr", "1");
        p.put("share.coordinator.state.topic.replication.factor", "1");
        p.put("share.coordinator.state.topic.min.isr", "1");
        p.put("default.replication.factor", "1");
        p.put("min.insync.replicas", "1");
        // Fewer internal partitions than a cluster's 50: creating them delays the first start.
        p.put("offsets.topic.num.partitions", "5");
        p.put("transaction.state.log.num.partitions", "5");
        // The single consumer group should not wait for members that will never come.
        p.put("group.initial.rebalance.delay.ms", "0");
        // After a SIGKILL the restarted broker waits out its old registration; keep that short.
        p.put("broker.session.timeout.ms", "2000");
        p.put("broker.heartbeat.interval.ms", "500");
        // The compaction buffer is allocated up front (128 MiB by default) for a few small topics.
        p.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        return p;
    }

    /*
     * The controller listener needs a second port nobody configures. It is chosen once and kept
     * in the data directory so that restarts reuse the same quorum address; only if something
     * else has taken it meanwhile is a new one chosen.
     */
    private static int controllerPort(Path dir, int brokerPort) {
        Path file = dir.resolve("controller.port");
        try {
            if (Files.exists(file)) {
                int saved = Integer.parseInt(Files.readString(file, StandardCharsets.UTF_8).trim());
                if (saved != brokerPort && Ports.isFree(saved)) {
                    return saved;
                }
                LOG.warnf("Kafka controller port %d is taken; choosing another", saved);
            }
            int chosen;
            do {
                chosen = Ports.free(1)[0];
            } while (chosen == brokerPort);
            Files.writeString(file, Integer.toString(chosen), StandardCharsets.UTF_8);
            return chosen;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NumberFormatException e) {
            throw new EmbeddedStartupException(Reason.FAILED, file + " does not hold a port number; delete it");
        }
    }

    private static Path write(Properties properties, Path file) {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(out, "Written by Accord at every start; edits are overwritten");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void format(Path config) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            int status = StorageTool.execute(new String[] {
                    "format", "--config", config.toString(), "--cluster-id", Uuid.randomUuid().toString() }, out);
            if (status != 0) {
                throw new EmbeddedStartupException(Reason.FAILED,
                        "formatting the Kafka storage failed: " + output.toString(StandardCharsets.UTF_8).trim());
            }
        }
        LOG.infof("Formatted new Kafka storage: %s", output.toString(StandardCharsets.UTF_8).trim());
    }

    private static void awaitBroker(Admin admin) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddedStartupException(Reason.FAILED, "interrupted while waiting for Kafka", e);
            }
            sleep(100);
        }
        throw new EmbeddedStartupException(Reason.FAILED, "Kafka did not answer within "
                + READY_TIMEOUT.toSeconds() + " s" + (last == null ? "" : ": " + EmbeddedStartupException.rootMessage(last)),
                last);
    }

    private static void createMissingTopics(Admin admin) {
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.stream()
                    .filter(topic -> !existing.contains(topic.name()))
                    .map(topic -> new NewTopic(topic.name(), topic.partitions(), (short) 1).configs(topic.configs()))
                    .toList();
            if (missing.isEmpty()) {
                return;
            }
            admin.createTopics(missing).values().forEach((name, created) -> {
                try {
                    created.get(30, TimeUnit.SECONDS);
                    LOG.infof("Created topic %s", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new EmbeddedStartupException(Reason.FAILED,
                                "cannot create topic " + name + ": " + e.getCause().getMessage(), e);
                    }
                } catch (TimeoutException e) {
                    throw new EmbeddedStartupException(Reason.FAILED, "timed out creating topic " + name, e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmbeddedStartupException(Reason.FAILED, "interrupted creating topic " + name, e);
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new EmbeddedStartupException(Reason.FAILED, "cannot list Kafka topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartupException(Reason.FAILED, "interrupted listing Kafka topics", e);
        }
    }

    private static String bootstrapServers(int port) {
        return "127.0.0.1:" + port;
    }

    public String bootstrapServers() {
        return bootstrapServers(port);
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return lock.directory();
    }

    /** Controlled shutdown; returns when broker and controller have stopped and released their logs. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            shutdownQuietly(server);
            LOG.infof("Kafka stopped in %d ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } finally {
            lock.close();
        }
    }

    private static void shutdownQuietly(KafkaRaftServer server) {
        if (server == null) {
            return;
        }
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warnf("Kafka shutdown failed: %s", e.getMessage());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartupException(Reason.FAILED, "interrupted while waiting for Kafka", e);
        }
    }
}
