package dev.accord.operations;

import dev.accord.config.PeriodicRound;
import dev.accord.eventstore.KafkaAdmin;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The records waiting on the dead-letter topic, as the broker counts them: the same figure on
 * every replica, unlike {@code accord.projection.dead.lettered}, which counts what this replica
 * sent there since it started. Retention removes records from the count, as it removes them
 * from the topic. Measured every {@code accord.projection.status-interval}; -1 until the broker
 * first answers.
 */
@ApplicationScoped
public class DeadLetterTopic {

    static final String RECORDS = "accord.dlq.records";
    private static final Logger LOG = Logger.getLogger(DeadLetterTopic.class);

    @Inject
    KafkaAdmin kafka;

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "accord.topics.dead-letter")
    String topic;

    @ConfigProperty(name = "accord.projection.status-interval", defaultValue = "10s")
    Duration interval;

    private final AtomicLong records = new AtomicLong(-1);
    private final PeriodicRound counting = new PeriodicRound("counting the dead-letter topic", LOG,
            () -> count().invoke(records::set));

    void start(@Observes StartupEvent started, MeterRegistry meters) {
        Gauge.builder(RECORDS, records, AtomicLong::get).tag("topic", topic)
                .description("Records on the dead-letter topic (end minus start offsets of its partitions)")
                .register(meters);
        counting.start(vertx, interval);
    }

    void stop(@Observes ShutdownEvent stopping) {
        counting.stop(vertx);
    }

    /** End minus earliest offset over the topic's partitions; 0 while the topic does not exist yet. */
    private Uni<Long> count() {
        return Uni.createFrom().completionStage(() -> kafka.admin().describeTopics(List.of(topic)).allTopicNames()
                        .toCompletionStage())
                .chain(topics -> {
                    List<TopicPartition> partitions = topics.get(topic).partitions().stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList();
                    return offsets(partitions, OffsetSpec.earliest()).chain(earliest -> offsets(partitions,
                            OffsetSpec.latest()).map(latest -> partitions.stream()
                            .mapToLong(partition -> latest.get(partition) - earliest.get(partition)).sum()));
                })
                .ifNoItem().after(Duration.ofMillis(KafkaAdmin.TIMEOUT_MS * 2L)).fail()
                .onFailure(DeadLetterTopic::noSuchTopic).recoverWithItem(0L);
    }

    /** Nothing was ever dead-lettered: the topic is created with its first record. */
    private static boolean noSuchTopic(Throwable failure) {
        return failure instanceof UnknownTopicOrPartitionException
                || failure.getCause() instanceof UnknownTopicOrPartitionException;
    }

    private Uni<Map<TopicPartition, Long>> offsets(List<TopicPartition> partitions, OffsetSpec spec) {
        return Uni.createFrom().completionStage(() -> kafka.admin()
                        .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(), p -> spec)),
                                new ListOffsetsOptions().timeoutMs(KafkaAdmin.TIMEOUT_MS))
                        .all().toCompletionStage())
                .map(offsets -> offsets.entrySet().stream()
                        .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset())));
    }
}
