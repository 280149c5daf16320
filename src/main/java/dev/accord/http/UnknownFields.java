package dev.accord.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A field a request does not have is most often a misspelt optional one, whose value would
 * otherwise be lost without a word. Every such field of a request body is collected while the
 * body is read, and the whole list is refused at the end as one 422, one error per field.
 * Only Accord's request records (the records of its {@code api} packages, which the resources
 * take as bodies) are judged so: other JSON Accord reads stays open to added fields.
 */
public final class UnknownFields extends JsonMappingException {

    private static final String FOUND = UnknownFields.class.getName() + ".found";
    private static final String DEPTH = UnknownFields.class.getName() + ".depth";

    private final List<String> fields;

    private UnknownFields(JsonParser parser, List<String> fields) {
        super(parser, "the body has fields this request does not: " + String.join(", ", fields));
        this.fields = List.copyOf(fields);
    }

    /** The paths of the unknown fields, as in {@code sponsor.nickname}. */
    public List<String> fields() {
        return fields;
    }

    /** Whether the context is reading a request record's body (at any depth within it). */
    static boolean inRequest(DeserializationContext context) {
        Integer depth = (Integer) context.getAttribute(DEPTH);
        return depth != null && depth > 0;
    }

    private static boolean isRequest(Class<?> type) {
        return type != null && type.getPackageName().startsWith("dev.accord.")
                && type.getPackageName().endsWith(".api");
    }

    /** Notes each unknown field of a request record and skips its value. */
    static final class Collector extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object beanOrClass, String name)
                throws IOException {
            Class<?> type = beanOrClass instanceof Class<?> declared ? declared : beanOrClass.getClass();
            if (!isRequest(type)) {
                return false;
            }
            @SuppressWarnings("unchecked")
            List<String> found = (List<String>) context.getAttribute(FOUND);
            if (found == null) {
                found = new ArrayList<>();
                context.setAttribute(FOUND, found);
            }
            found.add(path(parser, name));
            parser.skipChildren();
            return true;
        }

        /** Where the field is in the body, e.g. {@code sponsor.nickname} or {@code milestones[1].owner}. */
        private static String path(JsonParser parser, String name) {
            JsonStreamContext object = parser.getParsingContext();
            if (parser.isExpectedStartObjectToken() || parser.isExpectedStartArrayToken()) {
                object = object.getParent();
            }
            String path = name;
            for (JsonStreamContext context = object.getParent(); context != null && !context.inRoot();
                 context = context.getParent()) {
                path = context.inArray() ? "[" + context.getCurrentIndex() + "]" + path
                        : context.getCurrentName() + (path.startsWith("[") ? "" : ".") + path;
            }
            return path;
        }
    }

    /** Wraps the deserializer of each request record so the outermost one refuses what was collected. */
    static final class Check extends BeanDeserializerModifier {
        @Override
        public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription description,
                                                      JsonDeserializer<?> deserializer) {
            return isRequest(description.getBeanClass()) ? new Refusing(deserializer) : deserializer;
        }
    }

    private static final class Refusing extends DelegatingDeserializer {

        Refusing(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new Refusing(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Integer depth = (Integer) context.getAttribute(DEPTH);
            context.setAttribute(DEPTH, depth == null ? 1 : depth + 1);
            Object request = super.deserialize(parser, context);
            int left = (Integer) context.getAttribute(DEPTH) - 1;
            context.setAttribute(DEPTH, left);
            @SuppressWarnings("unchecked")
            List<String> found = (List<String>) context.getAttribute(FOUND);
            if (left == 0 && found != null && !found.isEmpty()) {
                throw new UnknownFields(parser, found);
            }
            return request;
        }
    }
}
