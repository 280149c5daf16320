package dev.accord.eventstore;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import dev.accord.initiative.domain.InitiativeEvent;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The JSON form of an event's {@code data}: the same in the event store, on Kafka and in the
 * events endpoint. It has its own mapper so that no HTTP setting can change the wire form.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // Events evolve by adding optional fields: older readers ignore what they do not know.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            // property access through generated lambdas, not reflection: only faster
            .addModule(new BlackbirdModule())
            // after JavaTimeModule, so that it reads Instants first (it hands it what it does not read)
            .addModule(new SimpleModule("accord-canonical-instants").addDeserializer(Instant.class,
                    new CanonicalInstants()))
            .build();

    /* One reader per wire type, resolved once: a decode neither looks up the class nor resolves its type. */
    private static final Map<String, ObjectReader> READERS = readers();

    private EventCodec() {
    }

    public static String encode(InitiativeEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + EventTypes.typeOf(event), e);
        }
    }

    /** The data as a JSON tree of maps and lists, for the event store's jsonb column. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> toTree(InitiativeEvent event) {
        return MAPPER.convertValue(event, Map.class);
    }

    /** Reads the jsonb column's tree directly, without a detour through text; upcast like {@link #decode}. */
    public static InitiativeEvent fromTree(String type, Map<String, Object> data) {
        if (EventUpcasters.CHAIN.reads(type)) {
            return decodeUpcast(type, MAPPER.convertValue(data, ObjectNode.class));
        }
        return read(type, eventClass -> MAPPER.convertValue(data, eventClass));
    }

    /**
     * Reads an event as any release stored it: through {@link EventUpcasters} first, so the
     * event has its current type's class and shape (its type is then
     * {@link EventUpcasters#currentType}).
     *
     * @throws UnreadableEvent when the type is unknown or the data does not fit it
     */
    public static InitiativeEvent decode(String type, String data) {
        if (EventUpcasters.CHAIN.reads(type)) {
            JsonNode tree;
            try {
                tree = MAPPER.readTree(data);
            } catch (JsonProcessingException e) {
                throw new UnreadableEvent("data of " + type + " is not JSON: " + e.getOriginalMessage());
            }
            if (!(tree instanceof ObjectNode object)) {
                throw new UnreadableEvent("data of " + type + " is not a JSON object");
            }
            return decodeUpcast(type, object);
        }
        ObjectReader reader = READERS.get(type);
        return read(type, eventClass -> {
            try {
                return reader.readValue(data);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e.getOriginalMessage(), e);
            }
        });
    }

    private static InitiativeEvent decodeUpcast(String type, ObjectNode data) {
        UpcasterChain.Shape current = EventUpcasters.CHAIN.upcast(type, data);
        return read(current.type(), eventClass -> {
            try {
                return MAPPER.treeToValue(current.data(), eventClass);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e.getOriginalMessage(), e);
            }
        });
    }

    private static Map<String, ObjectReader> readers() {
        Map<String, ObjectReader> readers = new HashMap<>();
        for (String type : EventTypes.all()) {
            readers.put(type, MAPPER.readerFor(EventTypes.classOf(type).orElseThrow()));
        }
        return Map.copyOf(readers);
    }

    private static InitiativeEvent read(String type,
                                        Function<Class<? extends InitiativeEvent>, InitiativeEvent> reader) {
        Class<? extends InitiativeEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new UnreadableEvent("unknown event type '" + type + "'"));
        InitiativeEvent event;
        try {
            event = reader.apply(eventClass);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new UnreadableEvent("data does not fit " + type + ": " + e.getMessage());
        }
        if (event == null || event.initiativeId() == null) {
            throw new UnreadableEvent(type + " without initiativeId");
        }
        return event;
    }

    public static final class UnreadableEvent extends RuntimeException {
        public UnreadableEvent(String message) {
            super(message);
        }
    }
}
