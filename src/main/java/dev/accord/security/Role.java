package dev.accord.security;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a token's {@code groups} claim may grant. The roles are independent: none implies another,
 * so a token carries exactly the powers it was issued for (an operator who rebuilds projections
 * does not thereby speak in the conversations, nor read them).
 */
public enum Role {
    /** Every GET, the alignment stream (SSE) included, outside the admin API. */
    READ("accord.read"),
    /** The commands: POST, PUT, PATCH and DELETE on initiatives. */
    WRITE("accord.write"),
    /** {@code /api/v1/admin/**} and {@code /api/v1/webhooks/**}. */
    ADMIN("accord.admin");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    /** The name in the token's {@code groups} claim. */
    public String group() {
        return group;
    }

    public static Optional<Role> ofGroup(String group) {
        return Arrays.stream(values()).filter(role -> role.group.equals(group)).findFirst();
    }
}
