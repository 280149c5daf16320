package dev.accord.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * Has the application's mapper (HTTP answers, read model documents, published records) write
 * instants through {@link CanonicalInstantWriter}: the same text, without a formatter per value.
 * Applied after every other customizer, Quarkus' own included: the module registered last is
 * asked first, and Quarkus registers jsr310's then.
 */
@Singleton
public class InstantWriting implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("accord-canonical-instant-writer")
                .addSerializer(Instant.class, new CanonicalInstantWriter()));
    }

    @Override
    public int priority() {
        return MINIMUM_PRIORITY;
    }
}
