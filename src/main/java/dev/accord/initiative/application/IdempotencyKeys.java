package dev.accord.initiative.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Remembers the first receipt of every keyed command. The key row is written in the command's
 * own transaction, under a lock on the key, so two racing retries cannot both append and a key
 * never outlives a rolled-back command.
 */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject
    ObjectMapper json;

    /**
     * Takes a transaction-scoped lock on the key, then answers the receipt it produced before,
     * if any. A key reused for another request is rejected. {@code transaction} must be inside
     * a transaction, which the lock lasts for. The lookup is a statement of its own: a statement
     * reads what was committed when it began, so one that waited for the lock would miss the
     * receipt its holder just committed.
     */
    public Uni<Optional<Receipt>> lockAndFind(SqlConnection transaction, CommandOptions.IdempotentRequest request) {
        return transaction.preparedQuery("select pg_advisory_xact_lock(hashtextextended($1, 7))")
                .execute(Tuple.of(request.key()))
                .chain(() -> transaction
                        .preparedQuery("select fingerprint, receipt from idempotency_key where idempotency_key = $1")
                        .execute(Tuple.of(request.key())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.<Receipt>empty();
                    }
                    Row row = rows.iterator().next();
                    if (!row.getString("fingerprint").equals(request.fingerprint())) {
                        throw new IdempotencyKeyReused("Idempotency-Key '" + request.key()
                                + "' was used for a different request; use a new key for a new request");
                    }
                    return Optional.of(read(row.getString("receipt")));
                });
    }

    public Uni<Void> remember(SqlConnection transaction, CommandOptions.IdempotentRequest request, Receipt receipt,
                              Instant now) {
        return transaction.preparedQuery("""
                        insert into idempotency_key (idempotency_key, fingerprint, initiative_id, receipt, created_at)
                        values ($1, $2, $3, $4, $5)""")
                .execute(Tuple.of(request.key(), request.fingerprint(), receipt.initiativeId(), write(receipt),
                        now.atOffset(ZoneOffset.UTC)))
                .replaceWithVoid();
    }

    private String write(Receipt receipt) {
        try {
            return json.writeValueAsString(receipt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep receipt", e);
        }
    }

    private Receipt read(String receipt) {
        try {
            return Receipt.fromJson(json.readTree(receipt));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("kept receipt is unreadable", e);
        }
    }
}
