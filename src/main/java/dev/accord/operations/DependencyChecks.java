package dev.accord.operations;

import io.smallrye.mutiny.TimeoutException;
import io.smallrye.mutiny.Uni;
import org.eclipse.microprofile.health.HealthCheckResponse;

import java.time.Duration;

/**
 * How every readiness check of a dependency answers: UP, or DOWN with a {@code reason} an
 * operator can act on, never left hanging longer than the check's deadline.
 */
final class DependencyChecks {

    static final String REASON = "reason";

    private DependencyChecks() {
    }

    /** @param dependency what the probe reaches, as an operator would look for it */
    static Uni<HealthCheckResponse> check(String name, String dependency, Duration timeout, Uni<?> probe) {
        return probe.ifNoItem().after(timeout).fail()
                .map(answered -> HealthCheckResponse.up(name))
                .onFailure().recoverWithItem(failure -> down(name, dependency + ": " + reason(failure, timeout)));
    }

    static HealthCheckResponse down(String name, String reason) {
        return HealthCheckResponse.named(name).down().withData(REASON, reason).build();
    }

    private static String reason(Throwable failure, Duration timeout) {
        if (failure instanceof TimeoutException) {
            return "no answer within " + timeout.toMillis() + " ms";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
