package dev.accord.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.accord.embedded.EmbeddedStartupException.Reason;

/**
 * A real PostgreSQL server (zonky's binaries) whose data outlives the process, with the
 * {@code accord} database and user.
 * <p>
 * Layout of the directory given to {@link #start}: {@code accord.lock} (who owns it),
 * {@code postgres.log} (server output), {@code pgdata/} (the cluster). The lock and the log
 * stay outside {@code pgdata} because initdb refuses a non-empty directory.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);

    public static final String DATABASE = "accord";
    public static final String USERNAME = "accord";
    public static final String PASSWORD = "accord";

    // Crash recovery after a kill takes milliseconds; the first start also unpacks binaries.
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final DirectoryLock lock;
    private final Path pgdata;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, DirectoryLock lock,
            Path pgdata, int port) {
        this.server = server;
        this.lock = lock;
        this.pgdata = pgdata;
        this.port = port;
    }

    /**
     * Starts PostgreSQL on {@code localhost:port} with its data in {@code dataDir}, creating the
     * cluster on first use and reusing it afterwards.
     *
     * @throws EmbeddedStartupException when the directory belongs to another running Accord, the
     *                                  port is taken or the server does not come up
     */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        long started = System.nanoTime();
        DirectoryLock lock = DirectoryLock.acquire(dataDir);
        Path dir = lock.directory();
        Path pgdata = dir.resolve("pgdata");
        Path log = dir.resolve("postgres.log");
        io.zonky.test.db.postgres.embedded.EmbeddedPostgres server = null;
        try {
            Postmaster.clearLeftover(pgdata);
            Ports.requireFree(port, "PostgreSQL");
            rotate(log);
            server = zonky(pgdata, port, log);
            createDatabase(server);
            LOG.infof("PostgreSQL ready on port %d in %d ms (data in %s)", port, elapsedMillis(started), pgdata);
            return new EmbeddedPostgres(server, lock, pgdata, port);
        } catch (RuntimeException e) {
            closeQuietly(server, pgdata);
            lock.close();
            throw e;
        }
    }

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres zonky(Path pgdata, int port, Path log) {
        try {
            return io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Accord stops it itself, in order, after the application is gone.
                    .setRegisterShutdownHook(false)
                    // TCP on localhost only; no socket file in /tmp to collide with another server.
                    .setServerConfig("unix_socket_directories", "")
                    // zonky tunes for throwaway test databases (fsync off, asynchronous commit);
                    // this one is the event store of record, so it keeps PostgreSQL's durability.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()))
                    .start();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedStartupException(Reason.FAILED,
                    "PostgreSQL did not start on port " + port + " (" + EmbeddedStartupException.rootMessage(e) + "); see " + log, e);
        }
    }

    private static void createDatabase(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USERNAME)) {
                statement.execute("CREATE ROLE " + USERNAME + " LOGIN PASSWORD '" + PASSWORD + "'");
            }
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
                LOG.infof("Created database %s owned by %s", DATABASE, USERNAME);
            }
        } catch (SQLException e) {
            throw new EmbeddedStartupException(Reason.FAILED,
                    "cannot create the " + DATABASE + " database: " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /** The server log is appended to across restarts; keep one previous generation. */
    private static void rotate(Path log) {
        try {
            if (Files.exists(log) && Files.size(log) > LOG_ROTATE_BYTES) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/" + DATABASE;
    }

    /** The Vert.x reactive client's form of the same address. */
    public String reactiveUrl() {
        return "postgresql://localhost:" + port + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return PASSWORD;
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return pgdata;
    }

    /** Fast shutdown (clients are cut off, a checkpoint is written); returns when the server is gone. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long started = System.nanoTime();
        try {
            closeQuietly(server, pgdata);
            LOG.infof("PostgreSQL stopped in %d ms", elapsedMillis(started));
        } finally {
            lock.close();
        }
    }

    private static void closeQuietly(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, Path pgdata) {
        if (server != null) {
            try {
                server.close();
            } catch (IOException | RuntimeException e) {
                LOG.warnf("pg_ctl stop failed: %s", e.getMessage());
            }
        }
        try {
            Postmaster.stopIfRunning(pgdata);
        } catch (RuntimeException e) {
            LOG.error(e.getMessage());
        }
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
