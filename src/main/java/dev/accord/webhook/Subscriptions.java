package dev.accord.webhook;

import dev.accord.initiative.domain.Rejection;
import dev.accord.initiative.readmodel.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/** Webhook subscriptions and their delivery logs in PostgreSQL, as the admin API reads and changes them. */
@ApplicationScoped
public class Subscriptions {

    private static final String COLUMNS = "id, url, types, initiative_id, status, created_at, disabled_at, failure";

    @Inject
    Pool pool;

    @Inject
    Clock clock;

    @Inject
    SubscribedTypes subscribedTypes;

    public Uni<Subscription.Created> create(NewSubscription subscription) {
        UUID id = UUID.randomUUID();
        String secret = WebhookSecret.generate();
        // Microseconds: what PostgreSQL keeps, so the answer and later reads show the same instant.
        Instant createdAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID initiativeId = subscription.initiativeId().orElse(null);
        return pool.preparedQuery("insert into webhook_subscription (id, url, types, initiative_id, secret, created_at)"
                        + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.tuple().addUUID(id).addString(subscription.url().toString())
                        .addArrayOfString(subscription.types().toArray(new String[0])).addUUID(initiativeId)
                        .addString(secret).addOffsetDateTime(OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC)))
                .call(subscribedTypes::refresh)
                .replaceWith(new Subscription.Created(id, subscription.url().toString(), subscription.types(),
                        initiativeId, Subscription.Status.ACTIVE, createdAt, secret));
    }

    /** Newest first. */
    public Uni<Page<Subscription>> list(int page, int size) {
        return page(pool.preparedQuery("select count(*) as total from webhook_subscription").execute(),
                pool.preparedQuery("select " + COLUMNS + " from webhook_subscription"
                        + " order by created_at desc, id limit $1 offset $2").execute(Tuple.of(size, (long) page * size)),
                Subscriptions::subscription, page, size);
    }

    public Uni<Subscription> find(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from webhook_subscription where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw unknown(id);
                    }
                    return subscription(rows.iterator().next());
                });
    }

    /** Removes the subscription and its log: nothing more is delivered to it, not even a retry. */
    public Uni<Void> delete(UUID id) {
        return pool.preparedQuery("delete from webhook_subscription where id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.rowCount() == 0) {
                        throw unknown(id);
                    }
                    return null;
                })
                .call(subscribedTypes::refresh)
                .replaceWithVoid();
    }

    /** The subscription's deliveries, newest first. */
    public Uni<Page<Delivery>> deliveries(UUID id, int page, int size) {
        return find(id).chain(found -> page(
                pool.preparedQuery("select count(*) as total from webhook_delivery where subscription_id = $1")
                        .execute(Tuple.of(id)),
                pool.preparedQuery("select ce_id, ce_type, attempts, last_status, last_error, next_attempt_at,"
                                + " delivered_at, failed_at, created_at from webhook_delivery where subscription_id = $1"
                                + " order by id desc limit $2 offset $3")
                        .execute(Tuple.of(id, size, (long) page * size)),
                Subscriptions::delivery, page, size));
    }

    public static Rejection.NotFound unknown(Object id) {
        return new Rejection.NotFound("webhook subscription " + id + " does not exist");
    }

    private static <T> Uni<Page<T>> page(Uni<RowSet<Row>> total, Uni<RowSet<Row>> rows, Function<Row, T> item,
                                         int page, int size) {
        return Uni.combine().all().unis(rows, total).asTuple().map(result -> {
            List<T> items = new ArrayList<>(result.getItem1().size());
            for (Row row : result.getItem1()) {
                items.add(item.apply(row));
            }
            return Page.of(items, page, size, result.getItem2().iterator().next().getLong("total"));
        });
    }

    private static Subscription subscription(Row row) {
        return new Subscription(row.getUUID("id"), row.getString("url"),
                Arrays.asList(row.getArrayOfStrings("types")), row.getUUID("initiative_id"),
                Subscription.Status.valueOf(row.getString("status")), instant(row, "created_at"),
                instant(row, "disabled_at"), row.getString("failure"));
    }

    private static Delivery delivery(Row row) {
        Instant deliveredAt = instant(row, "delivered_at");
        Instant failedAt = instant(row, "failed_at");
        Delivery.State state = deliveredAt != null ? Delivery.State.DELIVERED
                : failedAt != null ? Delivery.State.FAILED : Delivery.State.PENDING;
        return new Delivery(row.getString("ce_id"), row.getString("ce_type"), state, row.getInteger("attempts"),
                row.getInteger("last_status"), row.getString("last_error"),
                state == Delivery.State.PENDING ? instant(row, "next_attempt_at") : null, deliveredAt,
                instant(row, "created_at"));
    }

    static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
