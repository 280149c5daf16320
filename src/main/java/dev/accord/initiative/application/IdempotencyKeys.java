package dev.accord.initiative.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.hibernate.reactive.mutiny.Mutiny;

import java.time.Instant;
import java.util.Optional;

/**
 * Remembers the first receipt of every keyed command. The key row is written in the command's
 * own transaction, under a lock on the key, so two racing retries cannot both append.
 */
@ApplicationScoped
public class IdempotencyKeys {

    @Inject
    ObjectMapper json;

    /**
     * Takes a transaction-scoped lock on the key, then answers the receipt it produced before,
     * if any. A key reused for another request is rejected.
     */
    public Uni<Optional<Receipt>> lockAndFind(Mutiny.Session session, CommandOptions.IdempotentRequest request) {
        return session.createNativeQuery("select 1 from (select pg_advisory_xact_lock(hashtextextended(:key, 7))) l",
                        Integer.class)
                .setParameter("key", request.key())
                .getSingleResult()
                .chain(() -> session.find(IdempotencyRecord.class, request.key()))
                .map(row -> {
                    if (row == null) {
                        return Optional.<Receipt>empty();
                    }
                    if (!row.fingerprint.equals(request.fingerprint())) {
                        throw new IdempotencyKeyReused("Idempotency-Key '" + request.key()
                                + "' was used for a different request; use a new key for a new request");
                    }
                    return Optional.of(read(row.receipt));
                });
    }

    public Uni<Void> remember(Mutiny.Session session, CommandOptions.IdempotentRequest request, Receipt receipt,
                              Instant now) {
        IdempotencyRecord row = new IdempotencyRecord();
        row.key = request.key();
        row.fingerprint = request.fingerprint();
        row.initiativeId = receipt.initiativeId();
        row.receipt = write(receipt);
        row.createdAt = now;
        return session.persist(row).chain(session::flush);
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
