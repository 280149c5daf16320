package dev.accord.alignment.readmodel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The migration that keeps the alignment state as text (V10), run on a row the release before it
 * wrote: in a schema of its own, migrated to V9, given a row as that release saved it, then
 * migrated to the end.
 */
@QuarkusTest
class AlignmentStateColumnMigrationTest {

    private static final String SCHEMA = "migration_check_v10";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String username;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Inject
    ObjectMapper json;

    @BeforeEach
    @AfterEach
    void dropTheSchema() throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute("drop schema if exists " + SCHEMA + " cascade");
        }
    }

    @Test
    void a_state_saved_as_jsonb_keeps_its_content_as_text_and_gives_the_portfolio_its_parts() throws Exception {
        migrateTo("9");
        UUID initiativeId = UUID.randomUUID();
        String state = """
                {"focus": {"stage": "RELATIONSHIP"}, "status": "COMPLETED",
                 "stages": [{"stage": "RELATIONSHIP", "number": 1, "engaged": 2, "of": 4},
                            {"stage": "POSSIBILITY", "number": 2, "engaged": 3, "of": 4}],
                 "units": {"pairs": [], "disconnected": [{"units": ["exec", "finance"], "relationships": 0}],
                           "unrepresented": []}}""";
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(
                "insert into " + SCHEMA + ".alignment_view (initiative_id, version, snapshot_version, facts, state,"
                        + " score, band, evaluated_at) values (?, 7, 7, '{}'::jsonb, ?::jsonb, 57, 'PARTIAL', now())")) {
            insert.setObject(1, initiativeId);
            insert.setString(2, state);
            insert.executeUpdate();
        }

        migrateTo("latest");

        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "select state, status, stages::text, disconnected_units::text,"
                        + " (select data_type from information_schema.columns where table_schema = ?"
                        + "  and table_name = 'alignment_view' and column_name = 'state') as state_type"
                        + " from " + SCHEMA + ".alignment_view where initiative_id = ?")) {
            select.setString(1, SCHEMA);
            select.setObject(2, initiativeId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the row is still there");
                assertEquals("text", row.getString("state_type"));
                assertEquals(json.readTree(state), json.readTree(row.getString("state")),
                        "the state reads back as the same JSON");
                assertEquals("COMPLETED", row.getString("status"));
                JsonNode stages = json.readTree(row.getString("stages"));
                assertEquals(2, stages.size());
                assertEquals(3, stages.get(1).path("engaged").asInt());
                assertEquals(4, stages.get(1).path("of").asInt());
                assertEquals(json.readTree("[{\"units\": [\"exec\", \"finance\"], \"relationships\": 0}]"),
                        json.readTree(row.getString("disconnected_units")));
            }
        }
    }

    @Test
    void a_row_the_release_before_inserts_after_the_migration_is_accepted_without_the_new_columns()
            throws Exception {
        migrateTo("latest");
        UUID initiativeId = UUID.randomUUID();
        // the previous release's insert, during a rollout: its state parameter is cast to jsonb
        try (Connection connection = connect(); PreparedStatement insert = connection.prepareStatement(
                "insert into " + SCHEMA + ".alignment_view (initiative_id, version, snapshot_version, state, score,"
                        + " band, evaluated_at) values (?, 1, 0, ?::text::jsonb, null, 'UNKNOWN', now())")) {
            insert.setObject(1, initiativeId);
            insert.setString(2, "{\"status\": \"ACTIVE\"}");
            insert.executeUpdate();
        }
        try (Connection connection = connect(); PreparedStatement select = connection.prepareStatement(
                "select state, status from " + SCHEMA + ".alignment_view where initiative_id = ?")) {
            select.setObject(1, initiativeId);
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next());
                assertEquals("{\"status\": \"ACTIVE\"}", row.getString("state"));
                assertNull(row.getString("status"));
            }
        }
    }

    private void migrateTo(String target) {
        Flyway.configure()
                .dataSource(jdbcUrl, username, password)
                .schemas(SCHEMA)
                .defaultSchema(SCHEMA)
                .locations("classpath:db/migration")
                .target(target)
                .load()
                .migrate();
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }
}
