package dev.accord.eventstore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads {@code accord.ParticipantJoined.v1} in its older shape, where the person who joined was
 * one nested object like the launch's {@code sponsor}:
 * <pre>{"initiativeId": .., "person": {"personId": .., "displayName": .., "unit": .., "role": ..}}</pre>
 * as the current flat shape {@code {"initiativeId": .., "personId": .., "displayName": .., "unit": .., "role": ..}}.
 * Fields the nested person had besides those four are kept at the top level, like any field
 * added later. docs/event-evolution.md says where this shape comes from.
 */
final class ParticipantJoinedNestedPerson implements Upcaster {

    static final String TYPE = "accord.ParticipantJoined.v1";

    @Override
    public String fromType() {
        return TYPE;
    }

    @Override
    public String toType() {
        return TYPE;
    }

    @Override
    public boolean appliesTo(ObjectNode data) {
        return data.path("person").isObject() && !data.has("personId");
    }

    @Override
    public ObjectNode upcast(ObjectNode data) {
        JsonNode person = data.remove("person");
        person.properties().forEach(field -> data.set(field.getKey(), field.getValue()));
        return data;
    }
}
