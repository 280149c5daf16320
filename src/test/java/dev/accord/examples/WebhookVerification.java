package dev.accord.examples;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/** The README's webhook check ("Subscribing"), compiled and tested against the Standard Webhooks test vector. */
public final class WebhookVerification {

    private WebhookVerification() {
    }

    /** Whether {@code signatureHeader} (webhook-signature) signs id.timestamp.body with the subscription's secret. */
    public static boolean verify(String secret, String id, String timestamp, String body, String signatureHeader)
            throws GeneralSecurityException {
        byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        byte[] expected = ("v1," + Base64.getEncoder().encodeToString(
                mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8))))
                .getBytes(StandardCharsets.UTF_8);
        for (String signature : signatureHeader.split(" ")) {   // several while a secret rotates
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                return true;
            }
        }
        return false;
    }
}
