package dev.accord.webhook;

import dev.accord.initiative.domain.Rejection;
import dev.accord.initiative.domain.Rejection.FieldError;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NewSubscriptionTest {

    private static final List<String> BAND = List.of("accord.BandChanged.v1");

    @Test
    void a_subscription_to_events_state_and_signals_of_one_initiative_is_accepted() {
        UUID initiative = UUID.randomUUID();
        NewSubscription accepted = NewSubscription.of("https://hr.example.com/hooks/accord",
                List.of("accord.CommitmentMade.v1", "accord.AlignmentStateChanged.v1", "accord.StageReached.v1"),
                initiative.toString());
        assertEquals("https://hr.example.com/hooks/accord", accepted.url().toString());
        assertEquals(3, accepted.types().size());
        assertEquals(Optional.of(initiative), accepted.initiativeId());
    }

    @Test
    void every_known_type_is_accepted_together() {
        assertEquals(WebhookTypes.known().size(), NewSubscription.of("http://127.0.0.1:9000/",
                List.copyOf(WebhookTypes.known()), null).types().size());
        assertEquals(16 + 1 + 10, WebhookTypes.known().size());
    }

    @Test
    void a_missing_body_names_url_and_types() {
        assertEquals(List.of("url", "types"), fields(() -> NewSubscription.of(null, null, null)));
    }

    @Test
    void urls_that_are_not_absolute_http_or_https_or_too_long_are_refused_on_url() {
        for (String url : List.of("", "/hooks", "ftp://example.com/x", "https://", "http://exa mple.com",
                "https://user:pw@example.com/x", "https://example.com/x#part", "mailto:ops@example.com",
                "https://example.com/" + "a".repeat(2048))) {
            assertEquals(List.of("url"), fields(() -> NewSubscription.of(url, BAND, null)), url);
        }
        NewSubscription.of("https://example.com/" + "a".repeat(2048 - 20), BAND, null);
    }

    @Test
    void unknown_repeated_or_null_types_are_refused_naming_their_index() {
        assertEquals(List.of("types[1]", "types[2]", "types[3]"), fields(() -> NewSubscription.of("https://example.com",
                Arrays.asList("accord.BandChanged.v1", "accord.Nothing.v1", null, "accord.BandChanged.v1"), null)));
        assertEquals(List.of("types"), fields(() -> NewSubscription.of("https://example.com", List.of(), null)));
        assertEquals(List.of("types"), fields(() -> NewSubscription.of("https://example.com",
                java.util.Collections.nCopies(WebhookTypes.known().size() + 1, "accord.BandChanged.v1"), null)));
    }

    @Test
    void an_initiative_id_that_is_not_a_uuid_is_refused_on_initiative_id() {
        for (String id : List.of("", "1-1-1-1-1", "not-a-uuid", UUID.randomUUID() + "0")) {
            assertEquals(List.of("initiativeId"), fields(() -> NewSubscription.of("https://example.com", BAND, id)), id);
        }
    }

    private static List<String> fields(Runnable validation) {
        return assertThrows(Rejection.Invalid.class, validation::run).errors().stream().map(FieldError::field).toList();
    }
}
