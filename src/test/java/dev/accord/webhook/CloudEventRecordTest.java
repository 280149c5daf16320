package dev.accord.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CloudEventRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void a_binary_mode_record_becomes_the_structured_cloud_event_with_every_attribute_and_the_data() throws Exception {
        UUID initiative = UUID.randomUUID();
        Map<String, String> headers = signalHeaders(initiative);
        CloudEventRecord event = CloudEventRecord.of(headers, utf8(
                "{\"initiativeId\":\"" + initiative + "\",\"from\":null,\"to\":\"PARTIAL\",\"score\":57.50}"), JSON);

        assertEquals("5b7c2d9e-0000-3000-8000-000000000001", event.id());
        assertEquals("accord.BandChanged.v1", event.type());
        assertEquals(initiative, event.initiativeId().orElseThrow());
        JsonNode body = JSON.readTree(event.body());
        assertEquals(List.of("specversion", "id", "source", "type", "subject", "time", "datacontenttype",
                "streamversion", "data"), fieldNames(body));
        assertEquals("1.0", body.get("specversion").asText());
        assertEquals("7", body.get("streamversion").asText());
        assertEquals("application/json", body.get("datacontenttype").asText());
        assertEquals("PARTIAL", body.at("/data/to").asText());
        assertEquals(true, body.at("/data/from").isNull());
    }

    @Test
    void records_without_a_required_header_or_with_data_that_is_not_json_are_unreadable() {
        Map<String, String> headers = signalHeaders(UUID.randomUUID());
        assertThrows(CloudEventRecord.Unreadable.class, () -> CloudEventRecord.of(headers, utf8("not json"), JSON));
        assertThrows(CloudEventRecord.Unreadable.class, () -> CloudEventRecord.of(headers, null, JSON));
        assertThrows(CloudEventRecord.Unreadable.class, () -> CloudEventRecord.of(headers, utf8(""), JSON));
        assertThrows(CloudEventRecord.Unreadable.class, () -> CloudEventRecord.of(headers, utf8("  \n"), JSON));
        // not UTF-8 inside a string of otherwise well-formed JSON: refused, not delivered with replacement characters
        assertThrows(CloudEventRecord.Unreadable.class, () -> CloudEventRecord.of(headers,
                new byte[] {'{', '"', 'x', '"', ':', '"', (byte) 0xC3, '(', '"', '}'}, JSON));
        headers.remove("ce_id");
        assertThrows(CloudEventRecord.Unreadable.class, () -> CloudEventRecord.of(headers, utf8("{}"), JSON));
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    static Map<String, String> signalHeaders(UUID initiative) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", "5b7c2d9e-0000-3000-8000-000000000001");
        headers.put("ce_source", "/accord/alignment");
        headers.put("ce_type", "accord.BandChanged.v1");
        headers.put("ce_subject", initiative.toString());
        headers.put("ce_time", "2026-11-30T10:15:00Z");
        headers.put("ce_streamversion", "7");
        headers.put("content-type", "application/json");
        return headers;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
