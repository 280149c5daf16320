package dev.accord.security;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Tokens the tests sign themselves, as the test issuer would, or as impostors would. */
final class Tokens {

    private static final String ISSUER_KEY = "security/test-issuer.key.pem";

    private Tokens() {
    }

    /** A valid token for {@code subject} holding {@code roles}. */
    static String of(String subject, Role... roles) {
        return claims(subject, roles).sign(ISSUER_KEY);
    }

    static String expired(String subject, Role... roles) {
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        return claims(subject, roles).issuedAt(anHourAgo).expiresAt(anHourAgo.plus(Duration.ofMinutes(5)))
                .sign(ISSUER_KEY);
    }

    static String signedWithAnotherKey(String subject, Role... roles) {
        return claims(subject, roles).sign(anotherKey());
    }

    static String fromIssuer(String issuer, String subject, Role... roles) {
        return claims(subject, roles).issuer(issuer).sign(ISSUER_KEY);
    }

    static String forAudience(String audience, String subject, Role... roles) {
        return claims(subject, roles).audience(audience).sign(ISSUER_KEY);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JwtClaimsBuilder claims(String subject, Role... roles) {
        Set<String> groups = Arrays.stream(roles).map(Role::group).collect(Collectors.toSet());
        return Jwt.issuer(AuthenticationOn.ISSUER).audience("accord").subject(subject).groups(groups)
                .expiresIn(Duration.ofMinutes(5));
    }

    private static PrivateKey anotherKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair().getPrivate();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
