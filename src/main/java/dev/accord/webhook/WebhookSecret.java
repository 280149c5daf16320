package dev.accord.webhook;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * A subscription's signing secret in the Standard Webhooks form: {@code whsec_} and the base64
 * of 32 random bytes. The key of the HMAC is the decoded bytes, not the text.
 */
public final class WebhookSecret {

    static final String PREFIX = "whsec_";
    private static final int BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private WebhookSecret() {
    }

    public static String generate() {
        byte[] key = new byte[BYTES];
        RANDOM.nextBytes(key);
        return PREFIX + Base64.getEncoder().encodeToString(key);
    }

    /** The HMAC key a secret stands for; a secret without the prefix is read as the base64 alone. */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
