package dev.accord.security;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.Map;

/**
 * Accord as deployed: bearer tokens required, verified against the test issuer's public key
 * (src/test/resources/security), its issuer and Accord's audience.
 */
public class AuthenticationOn implements QuarkusTestProfile {

    static final String ISSUER = "https://issuer.accord.test";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "accord.auth.enabled", "true",
                "mp.jwt.verify.publickey.location", "security/test-issuer.pub.pem",
                "mp.jwt.verify.issuer", ISSUER);
    }
}
