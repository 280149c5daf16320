package dev.accord.embedded;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.jboss.logging.Logger;

/**
 * The passwords of the embedded PostgreSQL's two roles, kept beside the cluster in a file only
 * the owner may read, so that every restart finds them and nothing else on the machine does.
 * <p>
 * They are made up on the first start of a data directory; there is no default anyone could
 * know. The application role's password may instead come from configuration.
 *
 * @param superuserPassword of {@code postgres}, which only Accord's own start-up uses
 * @param password          of {@code accord}, the role the application connects as
 */
record PostgresCredentials(String superuserPassword, String password) {

    static final String FILE_NAME = "credentials.properties";

    private static final Logger LOG = Logger.getLogger(PostgresCredentials.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String SUPERUSER_KEY = "superuser.password";
    private static final String PASSWORD_KEY = "password";

    PostgresCredentials {
        requireUsable(superuserPassword, "superuser password");
        requireUsable(password, EmbeddedSettings.POSTGRES_PASSWORD);
    }

    /**
     * The passwords in effect for this start: the configured one if any, else what an earlier
     * start recorded, else new random ones.
     */
    static PostgresCredentials resolve(Optional<PostgresCredentials> recorded, Optional<String> configuredPassword) {
        return new PostgresCredentials(
                recorded.map(PostgresCredentials::superuserPassword).orElseGet(PostgresCredentials::generate),
                configuredPassword.or(() -> recorded.map(PostgresCredentials::password))
                        .orElseGet(PostgresCredentials::generate));
    }

    static Optional<PostgresCredentials> read(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        restrictToOwner(file);
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String superuser = properties.getProperty(SUPERUSER_KEY);
        String password = properties.getProperty(PASSWORD_KEY);
        if (superuser == null || password == null) {
            throw new EmbeddedStartupException(EmbeddedStartupException.Reason.FAILED, file + " lacks "
                    + SUPERUSER_KEY + " or " + PASSWORD_KEY + "; restore it from a backup of the data directory");
        }
        return Optional.of(new PostgresCredentials(superuser, password));
    }

    /** Replaces the file atomically, so that a crash leaves either the old passwords or the new ones. */
    void write(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        Path next = directory.resolve(FILE_NAME + ".new");
        Properties properties = new Properties();
        properties.setProperty(SUPERUSER_KEY, superuserPassword);
        properties.setProperty(PASSWORD_KEY, password);
        try {
            Files.deleteIfExists(next);
            Files.createFile(next, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            try (Writer out = Files.newBufferedWriter(next, StandardCharsets.UTF_8)) {
                properties.store(out, "Passwords of the embedded PostgreSQL (roles postgres and "
                        + EmbeddedPostgres.USERNAME + "); keep this file with the data");
            }
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A copied or restored data directory may have lost the permissions this file was made with. */
    private static void restrictToOwner(Path file) {
        try {
            if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                LOG.warnf("%s was readable by others; it is now readable by its owner only", file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** 192 random bits, in characters that need no quoting in a URL, a shell or SQL. */
    private static String generate() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void requireUsable(String password, String what) {
        if (password == null || password.isEmpty() || password.indexOf('\0') >= 0) {
            throw new EmbeddedStartupException(EmbeddedStartupException.Reason.INVALID_SETTING,
                    what + " must be a non-empty text without NUL characters");
        }
    }

    /** Never the passwords: records end up in logs and exception messages. */
    @Override
    public String toString() {
        return "PostgresCredentials[***]";
    }
}
