package dev.accord.webhook;

import org.junit.jupiter.api.Test;

import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    @Test
    void signature_matches_the_standard_webhooks_test_vector() {
        assertEquals("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                        1614265330, "{\"test\": 2432232314}"));
    }

    @Test
    void a_changed_body_timestamp_or_id_changes_the_signature() {
        String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
        String signed = WebhookSignature.sign(secret, "msg_1", 1614265330, "{}");
        assertNotEquals(signed, WebhookSignature.sign(secret, "msg_1", 1614265330, "{ }"));
        assertNotEquals(signed, WebhookSignature.sign(secret, "msg_1", 1614265331, "{}"));
        assertNotEquals(signed, WebhookSignature.sign(secret, "msg_2", 1614265330, "{}"));
    }

    @Test
    void a_new_secret_is_whsec_and_the_base64_of_32_random_bytes() {
        String secret = WebhookSecret.generate();
        assertTrue(secret.startsWith("whsec_"), secret);
        assertEquals(32, Base64.getDecoder().decode(secret.substring("whsec_".length())).length);
        assertNotEquals(secret, WebhookSecret.generate());
    }
}
