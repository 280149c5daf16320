package dev.accord.alignment.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accord.alignment.domain.AlignmentState;
import dev.accord.alignment.domain.Recommendation;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/**
 * The JSON shape of the alignment records, kept out of the pure domain: a recommendation
 * carries possibilityId, requestId or commitmentId only when it is about one. (Elsewhere in
 * the state a null is meaningful — a component without data, no score — and is written.) The
 * state's {@code focus}, the headline answer, comes first, so a reader meets it before the detail.
 */
@Singleton
public class AlignmentJson implements ObjectMapperCustomizer {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    private interface WithoutAbsentReferences {
    }

    @JsonPropertyOrder({"focus", "initiativeId", "version", "asOf", "status"})
    private interface FocusFirst {
    }

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.addMixIn(Recommendation.class, WithoutAbsentReferences.class);
        mapper.addMixIn(AlignmentState.class, FocusFirst.class);
    }
}
