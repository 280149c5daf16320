package dev.accord.webhook;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The deliveries waiting to be sent, as the dispatchers of every replica share them. A claim
 * takes due rows with {@code FOR UPDATE SKIP LOCKED} and leases them in the same statement, so
 * no two dispatchers hold one row; the HTTP call happens after that statement, outside any
 * transaction. A lease that runs out (a replica died mid-delivery) makes the row due again.
 * All times are PostgreSQL's, so replicas with skewed clocks agree.
 */
@ApplicationScoped
public class DeliveryQueue {

    @Inject
    Pool pool;

    /** A leased delivery, with what it takes to send it. */
    public record Claimed(long id, UUID subscriptionId, String ceId, String body, String url, String secret,
                          int attempts) {
    }

    public Uni<List<Claimed>> claim(int limit, Duration lease) {
        return pool.preparedQuery("""
                        with due as (
                            select d.id from webhook_delivery d
                              join webhook_subscription s on s.id = d.subscription_id
                             where d.delivered_at is null and d.failed_at is null and d.next_attempt_at <= now()
                               and (d.lease_until is null or d.lease_until < now()) and s.status = 'ACTIVE'
                             order by d.next_attempt_at, d.id
                             limit $1
                               for update of d skip locked)
                        update webhook_delivery d set lease_until = now() + make_interval(secs => $2)
                          from due, webhook_subscription s
                         where d.id = due.id and s.id = d.subscription_id
                        returning d.id, d.subscription_id, d.ce_id, d.body, d.attempts, s.url, s.secret""")
                .execute(Tuple.of(limit, seconds(lease)))
                .map(rows -> {
                    List<Claimed> claimed = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        claimed.add(new Claimed(row.getLong("id"), row.getUUID("subscription_id"),
                                row.getString("ce_id"), row.getString("body"), row.getString("url"),
                                row.getString("secret"), row.getInteger("attempts")));
                    }
                    return claimed;
                });
    }

    public Uni<Void> delivered(long id, int status) {
        return pool.preparedQuery("""
                        update webhook_delivery
                           set attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, now()),
                               last_status = $2, last_error = null, delivered_at = now(), lease_until = null
                         where id = $1""")
                .execute(Tuple.of(id, status))
                .replaceWithVoid();
    }

    /**
     * Records a failed attempt and when to try again; once the first attempt is {@code window}
     * old the delivery is given up and its subscription disabled, with this failure.
     *
     * @return whether the subscription was disabled by it
     */
    public Uni<Boolean> failed(long id, Integer status, String error, Duration retryIn, Duration window) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                        update webhook_delivery
                           set attempts = attempts + 1, first_attempt_at = coalesce(first_attempt_at, now()),
                               last_status = $2, last_error = $3, lease_until = null,
                               next_attempt_at = now() + make_interval(secs => $4),
                               failed_at = case when coalesce(first_attempt_at, now())
                                                     <= now() - make_interval(secs => $5) then now() end
                         where id = $1 and delivered_at is null
                        returning subscription_id, ce_id, attempts, failed_at""")
                .execute(Tuple.of(id, status, error, seconds(retryIn), seconds(window)))
                .chain(rows -> {
                    if (rows.size() == 0 || rows.iterator().next().getValue("failed_at") == null) {
                        return Uni.createFrom().item(false);
                    }
                    Row row = rows.iterator().next();
                    String failure = "gave up delivering " + row.getString("ce_id") + " after "
                            + row.getInteger("attempts") + " attempts over " + window + ": "
                            + (status != null ? "HTTP " + status : error);
                    return connection.preparedQuery("""
                                    update webhook_subscription set status = 'DISABLED', disabled_at = now(), failure = $2
                                     where id = $1 and status = 'ACTIVE'""")
                            .execute(Tuple.of(row.getUUID("subscription_id"), failure))
                            .map(updated -> updated.rowCount() > 0);
                }));
    }

    /** Forgets deliveries older than the retention, a bounded number per call. */
    public Uni<Integer> purge(Duration retention, int most) {
        return pool.preparedQuery("""
                        delete from webhook_delivery where id in (
                            select id from webhook_delivery where created_at < now() - make_interval(secs => $1)
                             limit $2)""")
                .execute(Tuple.of(seconds(retention), most))
                .map(rows -> rows.rowCount());
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }
}
