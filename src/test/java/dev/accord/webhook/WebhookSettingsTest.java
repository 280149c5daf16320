package dev.accord.webhook;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSettingsTest {

    @Test
    void backoff_starts_at_the_initial_delay_and_doubles_up_to_the_cap() {
        WebhookSettings settings = WebhookSettings.of(Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(24));
        assertEquals(Duration.ofSeconds(5), settings.backoffAfter(1));
        assertEquals(Duration.ofSeconds(10), settings.backoffAfter(2));
        assertEquals(Duration.ofSeconds(40), settings.backoffAfter(4));
        assertEquals(Duration.ofMinutes(1), settings.backoffAfter(5));
        assertEquals(Duration.ofMinutes(1), settings.backoffAfter(Integer.MAX_VALUE));
    }

    @Test
    void a_cap_below_the_initial_backoff_is_refused_at_start_naming_the_setting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.of(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofHours(24)));
        assertTrue(refused.getMessage().startsWith("accord.webhooks.max-backoff"), refused.getMessage());
    }

    @Test
    void a_retry_window_shorter_than_the_first_backoff_is_refused_at_start_naming_the_setting() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> WebhookSettings.of(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(1)));
        assertTrue(refused.getMessage().startsWith("accord.webhooks.retry-window"), refused.getMessage());
    }
}
