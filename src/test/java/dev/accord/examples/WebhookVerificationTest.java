package dev.accord.examples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookVerificationTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void the_standard_webhooks_test_vector_verifies() throws Exception {
        assertTrue(WebhookVerification.verify(SECRET, ID, "1614265330", BODY,
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
        assertTrue(WebhookVerification.verify(SECRET, ID, "1614265330", BODY,
                "v1,b2xkIHNpZ25hdHVyZQ== v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="));
    }

    @Test
    void a_changed_body_timestamp_or_secret_does_not_verify() throws Exception {
        String signature = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";
        assertFalse(WebhookVerification.verify(SECRET, ID, "1614265330", "{\"test\": 2432232315}", signature));
        assertFalse(WebhookVerification.verify(SECRET, ID, "1614265331", BODY, signature));
        assertFalse(WebhookVerification.verify("whsec_TWZLUTlyOEdLWXFyVHdqVVBEOElMUFpJbzJMYUxhU3c=", ID,
                "1614265330", BODY, signature));
    }
}
