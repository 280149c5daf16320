package dev.accord.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.accord.embedded.EmbeddedStartupException.Reason;

/**
 * A real PostgreSQL server (zonky's binaries) whose data outlives the process, with the
 * {@code accord} database and user, listening on 127.0.0.1 only and asking every role for its
 * password (scram-sha-256).
 * <p>
 * Layout of the directory given to {@link #start}: {@code accord.lock} (who owns it),
 * {@code postgres.log} (server output), {@code credentials.properties} (the passwords, owner-only),
 * {@code pgdata/} (the cluster). They stay outside {@code pgdata} because initdb refuses a
 * non-empty directory.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgres.class);

    public static final String DATABASE = "accord";
    public static final String USERNAME = "accord";
    static final String SUPERUSER = "postgres";
    static final String LOOPBACK = "127.0.0.1";

    // Crash recovery after a kill takes milliseconds; the first start also unpacks binaries.
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(30);
    private static final long LOG_ROTATE_BYTES = 10L * 1024 * 1024;

    private final io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private final DirectoryLock lock;
    private final Path pgdata;
    private final int port;
    private final PostgresCredentials credentials;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgres(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server, DirectoryLock lock,
            Path pgdata, int port, PostgresCredentials credentials) {
        this.server = server;
        this.lock = lock;
        this.pgdata = pgdata;
        this.port = port;
        this.credentials = credentials;
    }

    /** Starts PostgreSQL with a generated password for the {@code accord} role (or the one recorded earlier). */
    public static EmbeddedPostgres start(Path dataDir, int port) {
        return start(dataDir, port, Optional.empty());
    }

    /**
     * Starts PostgreSQL on {@code 127.0.0.1:port} with its data in {@code dataDir}, creating the
     * cluster on first use and reusing it afterwards. Every role needs its password; a cluster
     * an older Accord created with password-less ({@code trust}) logins is locked down first.
     *
     * @param configuredPassword the {@code accord} role's password, if configuration gives one
     * @throws EmbeddedStartupException when the directory belongs to another running Accord, the
     *                                  port is taken or the server does not come up
     */
    public static EmbeddedPostgres start(Path dataDir, int port, Optional<String> configuredPassword) {
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
            Optional<PostgresCredentials> recorded = PostgresCredentials.read(dir);
            boolean fresh = !Files.exists(pgdata.resolve("postgresql.conf"));
            boolean trusting = !fresh && PgHba.trustsAnyone(pgdata);
            if (!fresh && !trusting && recorded.isEmpty()) {
                throw new EmbeddedStartupException(Reason.FAILED, dir.resolve(PostgresCredentials.FILE_NAME)
                        + " is missing, so the PostgreSQL passwords of " + pgdata + " are unknown; restore the file"
                        + " from a backup of the data directory");
            }
            PostgresCredentials credentials = PostgresCredentials.resolve(recorded, configuredPassword);
            // Recorded before the server changes, so that a crash in between cannot lose a password.
            credentials.write(dir);
            server = zonky(pgdata, port, log, credentials, fresh, trusting);
            lockDown(server, credentials, pgdata, trusting);
            LOG.infof("PostgreSQL ready on 127.0.0.1:%d in %d ms (data in %s)", port, elapsedMillis(started), pgdata);
            return new EmbeddedPostgres(server, lock, pgdata, port, credentials);
        } catch (RuntimeException e) {
            closeQuietly(server, pgdata);
            lock.close();
            throw e;
        }
    }

    /*
     * A new cluster is created with scram-sha-256 and the superuser's password from the first
     * moment: zonky passes its locale settings to initdb as --name=value after its own "-A trust",
     * and initdb takes the last --auth it is given. The password file exists only for initdb.
     */
    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres zonky(Path pgdata, int port, Path log,
            PostgresCredentials credentials, boolean fresh, boolean trusting) {
        Path passwordFile = pgdata.resolveSibling("initdb.pwfile");
        try {
            io.zonky.test.db.postgres.embedded.EmbeddedPostgres.Builder builder =
                    io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                    .setDataDirectory(pgdata)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    // Accord stops it itself, in order, after the application is gone.
                    .setRegisterShutdownHook(false)
                    // TCP on the loopback interface only; no socket file in /tmp to collide with another server.
                    .setServerConfig("listen_addresses", LOOPBACK)
                    .setServerConfig("unix_socket_directories", "")
                    .setServerConfig("password_encryption", "scram-sha-256")
                    // zonky tunes for throwaway test databases (fsync off, asynchronous commit);
                    // this one is the event store of record, so it keeps PostgreSQL's durability.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // zonky's own readiness probe logs in as the superuser.
                    .setConnectConfig("password", credentials.superuserPassword())
                    .setPGStartupWait(STARTUP_WAIT)
                    .setOutputRedirector(Redirect.appendTo(log.toFile()))
                    .setErrorRedirector(Redirect.appendTo(log.toFile()));
            if (fresh) {
                writeOwnerOnly(passwordFile, credentials.superuserPassword());
                builder.setLocaleConfig("auth", "scram-sha-256").setLocaleConfig("pwfile", passwordFile.toString());
            }
            if (!trusting) {
                // Runs after initdb and before every start: the rules in force are always Accord's.
                builder.setDataDirectoryCustomizer(directory -> PgHba.write(directory.toPath()));
            }
            return builder.start();
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedStartupException(Reason.FAILED,
                    "PostgreSQL did not start on port " + port + " (" + EmbeddedStartupException.rootMessage(e) + "); see " + log, e);
        } finally {
            deleteQuietly(passwordFile);
        }
    }

    /**
     * Sets both roles' passwords (the recorded or configured ones), creates the database, and
     * for a cluster that still trusted every local login, replaces those rules and reloads them.
     */
    private static void lockDown(io.zonky.test.db.postgres.embedded.EmbeddedPostgres server,
            PostgresCredentials credentials, Path pgdata, boolean trusting) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement()) {
            if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USERNAME)) {
                statement.execute("CREATE ROLE " + USERNAME + " LOGIN");
            }
            setPassword(connection, SUPERUSER, credentials.superuserPassword());
            setPassword(connection, USERNAME, credentials.password());
            if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
                statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USERNAME);
                LOG.infof("Created database %s owned by %s", DATABASE, USERNAME);
            }
            if (trusting) {
                PgHba.write(pgdata);
                statement.execute("SELECT pg_reload_conf()");
                LOG.warnf("PostgreSQL in %s accepted logins without a password; every role now needs its password"
                        + " (kept in %s)", pgdata, pgdata.resolveSibling(PostgresCredentials.FILE_NAME));
            }
        } catch (SQLException e) {
            throw new EmbeddedStartupException(Reason.FAILED,
                    "cannot set up the " + DATABASE + " database and its roles: " + e.getMessage(), e);
        }
    }

    /* ALTER ROLE takes no parameters: PostgreSQL quotes the password itself (format's %L). */
    private static void setPassword(Connection connection, String role, String password) throws SQLException {
        String alter;
        try (PreparedStatement quote = connection.prepareStatement("SELECT format('ALTER ROLE %I PASSWORD %L', ?, ?)")) {
            quote.setString(1, role);
            quote.setString(2, password);
            try (ResultSet rows = quote.executeQuery()) {
                rows.next();
                alter = rows.getString(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute(alter);
        }
    }

    private static void writeOwnerOnly(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, content + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("cannot delete %s: %s", file, e.getMessage());
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
        return "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + DATABASE;
    }

    /** The Vert.x reactive client's form of the same address. */
    public String reactiveUrl() {
        return "postgresql://" + LOOPBACK + ":" + port + "/" + DATABASE;
    }

    public String username() {
        return USERNAME;
    }

    public String password() {
        return credentials.password();
    }

    /** Where both roles' passwords are kept, readable by the owner only. */
    public Path credentialsFile() {
        return pgdata.resolveSibling(PostgresCredentials.FILE_NAME);
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
