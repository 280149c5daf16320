package dev.accord.examples;

import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.CloudEventDeserializer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The README's subscriber ("Subscribing"): Accord's three topics read with the CloudEvents Java
 * SDK, each record handled once. It lives here so that it is compiled and run by
 * AlignmentSubscriberTest and cannot rot.
 */
public final class AlignmentSubscriber implements AutoCloseable {

    private final KafkaConsumer<String, CloudEvent> consumer;
    // Delivery is at least once: remember what was handled (a real subscriber keeps this in its own database).
    private final Set<String> handled = new HashSet<>();

    public AlignmentSubscriber(String bootstrapServers, String groupId) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, CloudEventDeserializer.class.getName());
        consumer = new KafkaConsumer<>(config);
        consumer.subscribe(List.of("accord.alignment.events", "accord.alignment.state", "accord.alignment.signals"));
    }

    /** Hands every new record of one poll to {@code handler}, then commits: at least once, never twice. */
    public void pollOnce(Duration timeout, Consumer<CloudEvent> handler) {
        ConsumerRecords<String, CloudEvent> records;
        try {
            records = consumer.poll(timeout);
        } catch (RecordDeserializationException notACloudEvent) {
            // a stray record that is no CloudEvent (not Accord's): step over it rather than stop here for good
            consumer.seek(notACloudEvent.topicPartition(), notACloudEvent.offset() + 1);
            return;
        }
        for (ConsumerRecord<String, CloudEvent> record : records) {
            CloudEvent event = record.value();      // type, id, subject (the initiativeId), time, data
            if (handled.add(event.getId())) {       // dedupe on ce_id
                handler.accept(event);
            }
        }
        consumer.commitSync();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
