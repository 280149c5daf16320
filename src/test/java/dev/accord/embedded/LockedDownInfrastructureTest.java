package dev.accord.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What another process on the machine, or another machine, can do with the embedded servers:
 * nothing without a password, and nothing at all from outside the loopback interface.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class LockedDownInfrastructureTest {

    @TempDir
    Path dataDir;

    @Test
    void postgres_asks_every_role_for_its_password_and_refuses_a_missing_or_wrong_one() throws Exception {
        int port = Ports.free(1)[0];
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port)) {
            PostgresCredentials credentials = PostgresCredentials.read(dataDir).orElseThrow();
            assertEquals(credentials.password(), postgres.password());
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(postgres.credentialsFile())));
            assertEveryRuleNeedsAPassword(postgres.dataDirectory());

            for (String role : List.of(EmbeddedPostgres.USERNAME, EmbeddedPostgres.SUPERUSER)) {
                SQLException withoutPassword = assertThrows(SQLException.class, () -> connect(port, role, null).close());
                assertTrue(withoutPassword.getMessage().contains("SCRAM"), withoutPassword.getMessage());
                SQLException wrong = assertThrows(SQLException.class, () -> connect(port, role, "accord").close());
                assertEquals("28P01", wrong.getSQLState(), role + ": " + wrong.getMessage());
            }
            assertEquals("127.0.0.1", query(port, EmbeddedPostgres.SUPERUSER, credentials.superuserPassword(),
                    "SHOW listen_addresses"));
            assertEquals("accord", query(port, EmbeddedPostgres.USERNAME, credentials.password(), "SELECT current_user"));
        }
    }

    @Test
    void passwords_survive_a_restart_and_a_configured_password_replaces_the_generated_one() throws Exception {
        int port = Ports.free(1)[0];
        String generated;
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port)) {
            generated = postgres.password();
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port)) {
            assertEquals(generated, postgres.password(), "the restart found the recorded password");
            assertEquals("accord", query(port, "accord", generated, "SELECT current_user"));
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port, Optional.of("chosen by the operator"))) {
            assertEquals("chosen by the operator", postgres.password());
            assertEquals("accord", query(port, "accord", "chosen by the operator", "SELECT current_user"));
            assertThrows(SQLException.class, () -> connect(port, "accord", generated).close());
        }
    }

    @Test
    void a_cluster_an_older_accord_left_open_to_password_less_logins_is_locked_down_and_keeps_its_data()
            throws Exception {
        int port = Ports.free(1)[0];
        Path pgdata = dataDir.resolve("pgdata");
        // How Accord used to create its cluster: zonky's defaults, trust for every local login.
        try (io.zonky.test.db.postgres.embedded.EmbeddedPostgres old = io.zonky.test.db.postgres.embedded.EmbeddedPostgres
                .builder().setDataDirectory(pgdata).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("unix_socket_directories", "").start()) {
            try (Connection connection = old.getPostgresDatabase().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE accord LOGIN PASSWORD 'accord'");
                statement.execute("CREATE DATABASE accord OWNER accord");
            }
            try (Connection connection = connect(port, "accord", null); Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE note (body text)");
                statement.execute("INSERT INTO note VALUES ('written before the upgrade')");
            }
        }
        assertTrue(PgHba.trustsAnyone(pgdata), "the old cluster trusted local logins");

        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port)) {
            assertFalse(PgHba.trustsAnyone(pgdata));
            assertEveryRuleNeedsAPassword(pgdata);
            assertThrows(SQLException.class, () -> connect(port, "accord", null).close());
            assertThrows(SQLException.class, () -> connect(port, "accord", "accord").close());
            assertThrows(SQLException.class, () -> connect(port, "postgres", null).close());
            assertEquals("written before the upgrade", query(port, "accord", postgres.password(), "SELECT body FROM note"));
        }
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir, port)) {
            assertEquals("written before the upgrade", query(port, "accord", postgres.password(), "SELECT body FROM note"),
                    "the locked-down cluster starts again with the recorded passwords");
        }
    }

    @Test
    void postgres_and_kafka_refuse_connections_to_any_address_but_loopback() throws Exception {
        List<InetAddress> outside = nonLoopbackAddresses();
        assertFalse(outside.isEmpty(), "this machine needs a non-loopback address for this test");
        int[] ports = Ports.free(2);
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start(dataDir.resolve("postgres"), ports[0]);
                EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), ports[1])) {
            int controllerPort = Integer.parseInt(Files.readString(kafka.dataDirectory().resolve("controller.port")).trim());
            for (int port : List.of(postgres.port(), kafka.port(), controllerPort)) {
                assertTrue(accepts(InetAddress.getLoopbackAddress(), port), "listening on 127.0.0.1:" + port);
                for (InetAddress address : outside) {
                    assertFalse(accepts(address, port), "connection to " + address.getHostAddress() + ":" + port);
                }
            }
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                Collection<Node> nodes = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);
                assertEquals(List.of("127.0.0.1"), nodes.stream().map(Node::host).toList(),
                        "the broker tells clients to come back to loopback only");
            }
        }
    }

    private static void assertEveryRuleNeedsAPassword(Path pgdata) {
        List<List<String>> rules = PgHba.rules(pgdata);
        assertNotEquals(List.of(), rules);
        rules.forEach(rule -> assertEquals("scram-sha-256", rule.get(rule.size() - 1), "rule " + rule));
        rules.stream().filter(rule -> rule.get(0).equals("host")).forEach(rule -> assertTrue(
                rule.get(3).equals("127.0.0.1/32") || rule.get(3).equals("::1/128"), "loopback only: " + rule));
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        java.util.Properties properties = new java.util.Properties();
        properties.setProperty("user", user);
        if (password != null) {
            properties.setProperty("password", password);
        }
        String database = user.equals(EmbeddedPostgres.SUPERUSER) ? "postgres" : EmbeddedPostgres.DATABASE;
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, properties);
    }

    private static String query(int port, String user, String password, String sql) throws SQLException {
        try (Connection connection = connect(port, user, password); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static boolean accepts(InetAddress address, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2_000);
            return true;
        } catch (ConnectException refused) {
            return false;
        }
    }

    private static List<InetAddress> nonLoopbackAddresses() throws SocketException {
        return NetworkInterface.networkInterfaces()
                .filter(networkInterface -> {
                    try {
                        return networkInterface.isUp() && !networkInterface.isLoopback();
                    } catch (SocketException e) {
                        return false;
                    }
                })
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .map(InetAddress.class::cast)
                .toList();
    }
}
