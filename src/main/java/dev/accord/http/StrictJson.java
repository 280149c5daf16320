package dev.accord.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.io.InputDecorator;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.io.ByteArrayInputStream;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads request bodies as written, or not at all. Jackson by default takes the last of two
 * equal keys, ignores what follows the JSON, reads an enum from its position ("0" is the first
 * stance) and decodes some invalid UTF-8 (an overlong {@code C0 AF} becomes "/"): each would
 * record something other than what the client meant, so each is refused as a 400. So is a
 * number or boolean where text belongs in a request body: {@code "role": 5} is a client's
 * mistake, not a role. That last rule is for request bodies only (see {@link TextOnly}):
 * documents and events Accord reads back are decoded as they always were.
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    /** Accord's bodies nest a few levels; anything deeper is not a request to it. */
    static final int MAX_NESTING_DEPTH = 32;
    static final int MAX_NUMBER_LENGTH = 100;

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_NESTING_DEPTH)
                .maxNumberLength(MAX_NUMBER_LENGTH)
                .build());
        mapper.getFactory().setInputDecorator(new StrictUtf8());
        mapper.addHandler(new UnknownFields.Collector());
        mapper.registerModule(new SimpleModule("accord-unknown-fields")
                .setDeserializerModifier(new UnknownFields.Check())
                .addDeserializer(String.class, new TextOnly()));
    }

    /**
     * Text in a request body must be a JSON string: a number or boolean there is refused, with
     * its field, instead of being coerced into text. Outside a request body (a read model's
     * document, say) text is read as Jackson reads it.
     */
    static final class TextOnly extends StdScalarDeserializer<String> {

        TextOnly() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonToken token = parser.currentToken();
            if (token != null && token.isScalarValue() && token != JsonToken.VALUE_STRING
                    && token != JsonToken.VALUE_NULL && UnknownFields.inRequest(context)) {
                return (String) context.handleUnexpectedToken(String.class, parser);
            }
            return StringDeserializer.instance.deserialize(parser, context);
        }

        @Override
        public boolean isCachable() {
            return true;
        }
    }

    /**
     * Checks a byte stream is well-formed UTF-8 before Jackson parses it. Bodies are at most
     * 256 KiB (BodyLimit), so holding one in memory is fine.
     */
    static final class StrictUtf8 extends InputDecorator {

        @Override
        public InputStream decorate(IOContext context, InputStream in) throws IOException {
            byte[] bytes = in.readAllBytes();
            requireUtf8(bytes, 0, bytes.length);
            return new ByteArrayInputStream(bytes);
        }

        @Override
        public InputStream decorate(IOContext context, byte[] source, int offset, int length) throws IOException {
            requireUtf8(source, offset, length);
            return null;
        }

        @Override
        public Reader decorate(IOContext context, Reader reader) {
            return null;
        }

        private static void requireUtf8(byte[] bytes, int offset, int length) throws CharConversionException {
            try {
                StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes, offset, length));
            } catch (CharacterCodingException e) {
                throw new InvalidUtf8("the body is not valid UTF-8");
            }
        }
    }

    /** The body's bytes are not UTF-8. Answered 400. */
    public static final class InvalidUtf8 extends CharConversionException {
        InvalidUtf8(String message) {
            super(message);
        }
    }
}
