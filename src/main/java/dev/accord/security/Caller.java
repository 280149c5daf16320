package dev.accord.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who sent a request, as its verified token says: the subject (recorded as the actor of the
 * events the request causes) and the roles its {@code groups} claim grants. Groups that are not
 * Accord roles are ignored.
 */
public record Caller(String subject, Set<Role> roles) {

    /** The longest subject Accord records; a token naming a longer one is not accepted. */
    public static final int MAX_SUBJECT_LENGTH = 255;

    public Caller {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(String subject, Collection<String> groups) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        groups.forEach(group -> Role.ofGroup(group).ifPresent(roles::add));
        return new Caller(subject, roles);
    }

    /** Why a subject cannot be recorded as an actor, if it cannot. */
    public static Optional<String> unusableSubject(String subject) {
        if (subject == null || subject.isBlank()) {
            return Optional.of("the token has no subject (sub)");
        }
        if (subject.length() > MAX_SUBJECT_LENGTH) {
            return Optional.of("the token's subject is longer than " + MAX_SUBJECT_LENGTH + " characters");
        }
        return Optional.empty();
    }

    public boolean holds(Role role) {
        return roles.contains(role);
    }
}
