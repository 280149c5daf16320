package dev.accord.projection;

import io.smallrye.mutiny.Uni;
import dev.accord.eventstore.KafkaAdmin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Where the projection's consumer group stands on each partition of the events topic, as the
 * broker sees it (the committed offsets are the group's, whichever replica holds the partition).
 */
@ApplicationScoped
public class KafkaPositions {

    private static final Logger LOG = Logger.getLogger(KafkaPositions.class);
    private static final int TIMEOUT_MS = KafkaAdmin.TIMEOUT_MS;

    @Inject
    KafkaAdmin kafka;

    @ConfigProperty(name = "mp.messaging.incoming.alignment-events.topic")
    String topic;

    @ConfigProperty(name = "mp.messaging.incoming.alignment-events.group.id")
    String groupId;

    /** One partition: the group's committed offset, the end of the log, and the records between. */
    public record PartitionPosition(String topic, int partition, long committedOffset, long endOffset, long lag) {
    }

    /** The positions, or none when the broker does not answer in time (the status says so by omission). */
    Uni<List<PartitionPosition>> positions() {
        return Uni.createFrom().completionStage(() -> kafka.admin().describeTopics(List.of(topic)).allTopicNames()
                        .toCompletionStage())
                .chain(topics -> {
                    TopicDescription description = topics.get(topic);
                    List<TopicPartition> partitions = description.partitions().stream()
                            .map(info -> new TopicPartition(topic, info.partition())).toList();
                    Uni<Map<TopicPartition, OffsetAndMetadata>> committed = Uni.createFrom().completionStage(() ->
                            kafka.admin().listConsumerGroupOffsets(groupId, new ListConsumerGroupOffsetsOptions()
                                    .timeoutMs(TIMEOUT_MS)).partitionsToOffsetAndMetadata().toCompletionStage());
                    Uni<Map<TopicPartition, Long>> ends = Uni.createFrom().completionStage(() -> kafka.admin()
                            .listOffsets(partitions.stream().collect(Collectors.toMap(Function.identity(),
                                    partition -> OffsetSpec.latest())), new ListOffsetsOptions().timeoutMs(TIMEOUT_MS))
                            .all().toCompletionStage())
                            .map(offsets -> offsets.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                                    entry -> entry.getValue().offset())));
                    return Uni.combine().all().unis(committed, ends).asTuple().map(both -> {
                        List<PartitionPosition> positions = new ArrayList<>();
                        for (TopicPartition partition : partitions) {
                            OffsetAndMetadata offset = both.getItem1().get(partition);
                            long at = offset == null ? 0 : offset.offset();
                            long end = both.getItem2().getOrDefault(partition, 0L);
                            positions.add(new PartitionPosition(topic, partition.partition(), at, end,
                                    Math.max(0, end - at)));
                        }
                        positions.sort(Comparator.comparingInt(PartitionPosition::partition));
                        return positions;
                    });
                })
                .ifNoItem().after(Duration.ofMillis(TIMEOUT_MS * 2L)).fail()
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Kafka positions unavailable: %s", failure.getMessage());
                    return List.of();
                });
    }
}
