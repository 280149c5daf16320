package dev.accord.security;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import java.util.Optional;

/**
 * Applies {@link AccessPolicy} to every API request once it has been routed to a resource, when
 * {@code accord.auth.enabled} is on. The token itself is checked by smallrye-jwt against
 * {@code mp.jwt.verify.*} (key or JWKS, issuer, audience, expiry); authentication is not
 * proactive, so with authentication off no token is ever looked at. The refusals are typed and
 * answered by {@code http.ProblemMappers}. {@code /q/health} and {@code /q/metrics} are not
 * resources and stay open to the platform.
 */
public class AccessFilter {

    @ConfigProperty(name = "accord.auth.enabled", defaultValue = "false")
    boolean enabled;

    @Inject
    CurrentIdentityAssociation identities;

    @Inject
    Actor actor;

    @ServerRequestFilter
    public Uni<Void> check(SimpleResourceInfo resource, UriInfo uri, Request request) {
        if (!enabled) {
            return Uni.createFrom().voidItem();
        }
        String resourcePath = resourcePath(resource.getResourceClass());
        Role required = AccessPolicy.required(request.getMethod(), resourcePath);
        Optional<String> ownPersonId = AccessPolicy.engagementOf(request.getMethod(), resourcePath,
                uri.getPathParameters().getFirst("personId"));
        return identities.getDeferredIdentity()
                .onFailure().transform(failure -> new NotAuthenticated("the bearer token was not accepted: its "
                        + "signature, issuer, audience or expiry is not valid", true))
                .invoke(identity -> {
                    Caller caller = caller(identity);
                    if (!AccessPolicy.permits(caller, required, ownPersonId)) {
                        throw new NotPermitted(required);
                    }
                    actor.set(caller.subject());
                })
                .replaceWithVoid();
    }

    private static Caller caller(SecurityIdentity identity) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            throw new NotAuthenticated("a bearer token is required (Authorization: Bearer <JWT>)", false);
        }
        // getName() would prefer upn or preferred_username; the actor is the subject itself.
        String subject = token.getSubject();
        Caller.unusableSubject(subject).ifPresent(reason -> {
            throw new NotAuthenticated(reason, true);
        });
        return Caller.of(subject, identity.getRoles());
    }

    private static String resourcePath(Class<?> resourceClass) {
        Path path = resourceClass.getAnnotation(Path.class);
        return path == null ? "" : path.value();
    }
}
