package dev.accord.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A producer that is not Accord writes onto the events topic: garbage, and an event forged to
 * look exactly like Accord's next one for an existing initiative. The read models follow the
 * event store of record, so neither changes them, and real commands keep projecting.
 */
class PoisonAndForgeryIT {

    private static final Duration PASSED_TIMEOUT = Duration.ofSeconds(90);

    @RegisterExtension
    static final Scenario scenario = new Scenario("poison-and-forgery");

    @Test
    void records_from_an_outside_producer_change_no_read_model_and_later_commands_still_project() throws Exception {
        FaultEnvironment environment = scenario.environment();
        AccordHttp http = environment.http();
        StoreInspector store = environment.store();
        Figures figures = scenario.figures();
        LoadClients.Target target = LoadClients.launch(http, 1, new ArrayList<>()).get(0);
        String base = "/api/v1/initiatives/" + target.initiativeId();
        long version = join(http, base, LoadClients.personId("real")).path("version").asLong();
        store.awaitProjected(Invariants.RECOVERY_TIMEOUT);
        Map<UUID, ObjectNode> before = environment.readModels().snapshot();

        String intruder = LoadClients.personId("mallory");
        List<RecordMetadata> produced = produce(store.bootstrapServers(), target.initiativeId(), version + 1, intruder);
        RecordMetadata last = produced.get(produced.size() - 1);
        Invariants.timed(figures, "the projection moved past the outside records", () -> StoreInspector.await(
                "the projection to commit past offset " + last.offset(), PASSED_TIMEOUT,
                () -> store.projectionCommitted(last.partition()) > last.offset(),
                () -> "committed " + store.projectionCommitted(last.partition())));
        Map<UUID, ObjectNode> after = environment.readModels().snapshot();

        String newcomer = LoadClients.personId("real");
        long next = join(http, base, newcomer).path("version").asLong();
        AccordHttp.Answer alignment = http.getOrFail(base + "/alignment?minVersion=" + next);
        String participants = alignment.body().path("participants").toString();

        figures.put("faultsInjected", produced.size() + " outside records (3 garbage, 1 forged ParticipantJoined at version "
                + (version + 1) + ")");
        figures.check("no read model changed", before.equals(after), ReadModels.changed(before, after));
        figures.check("a later real command projects (minVersion read answers 200)",
                alignment.status() == 200 && alignment.body().path("version").asLong() == next,
                alignment.status() + " " + alignment.text());
        figures.check("the alignment lists the real newcomer and not the forged one",
                participants.contains(newcomer) && !participants.contains(intruder), participants);
        List<String> differences = environment.readModels().differencesFromStore();
        figures.check("every read model equals the fold of the store", differences.isEmpty(), differences);
        figures.writeAndAssert();
    }

    private static JsonNode join(AccordHttp http, String base, String person) {
        AccordHttp.Answer answer = http.postOrFail(base + "/participants",
                Map.of("personId", person, "displayName", "Person " + person, "unit", "sales", "role", "Member"));
        if (!answer.accepted()) {
            throw new AssertionError("join answered " + answer.status() + ": " + answer.text());
        }
        return answer.body();
    }

    /**
     * Garbage (not JSON; JSON without headers; headers that do not parse) and a forgery: every
     * CloudEvents header Accord writes, the initiative as subject, its next version, a plausible payload.
     */
    private static List<RecordMetadata> produce(String bootstrapServers, String initiativeId, long nextVersion,
                                                String intruder) throws InterruptedException, ExecutionException, TimeoutException {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        records.add(new ProducerRecord<>(StoreInspector.EVENTS_TOPIC, initiativeId, "this is not JSON {"));
        records.add(new ProducerRecord<>(StoreInspector.EVENTS_TOPIC, initiativeId,
                "{\"initiativeId\":\"" + initiativeId + "\",\"personId\":\"" + intruder + "\"}"));
        ProducerRecord<String, String> unparsable = new ProducerRecord<>(StoreInspector.EVENTS_TOPIC, initiativeId, "{}");
        header(unparsable, "ce_id", "not-a-uuid");
        header(unparsable, "ce_type", "accord.NoSuchEvent.v1");
        header(unparsable, "ce_subject", initiativeId);
        header(unparsable, "ce_streamversion", "next");
        records.add(unparsable);
        ProducerRecord<String, String> forged = new ProducerRecord<>(StoreInspector.EVENTS_TOPIC, initiativeId,
                "{\"initiativeId\":\"" + initiativeId + "\",\"personId\":\"" + intruder
                        + "\",\"displayName\":\"Mallory\",\"unit\":\"exec\",\"role\":\"Sponsor\"}");
        header(forged, "ce_specversion", "1.0");
        header(forged, "ce_id", UUID.randomUUID().toString());
        header(forged, "ce_source", "/accord/alignment");
        header(forged, "ce_type", "accord.ParticipantJoined.v1");
        header(forged, "ce_subject", initiativeId);
        header(forged, "ce_time", Instant.now().toString());
        header(forged, "ce_streamversion", Long.toString(nextVersion));
        header(forged, "ce_correlationid", UUID.randomUUID().toString());
        header(forged, "content-type", "application/json");
        records.add(forged);

        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record).get(30, TimeUnit.SECONDS));
            }
        }
        return sent;
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
