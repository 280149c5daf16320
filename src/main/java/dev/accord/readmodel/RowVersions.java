package dev.accord.readmodel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The versions a read model's table holds now, of many rows in one statement. */
@ApplicationScoped
public class RowVersions {

    @Inject
    Pool pool;

    /** The version of each of {@code initiativeIds} that has a row; one that has none is left out. */
    public Uni<Map<UUID, Long>> of(ReadModel<?> model, Collection<UUID> initiativeIds) {
        return pool.preparedQuery("select initiative_id, version from " + model.table()
                        + " where initiative_id = any($1)")
                .execute(Tuple.of(initiativeIds.toArray(UUID[]::new)))
                .map(rows -> {
                    Map<UUID, Long> versions = new HashMap<>();
                    for (Row row : rows) {
                        versions.put(row.getUUID("initiative_id"), row.getLong("version"));
                    }
                    return versions;
                });
    }
}
