package dev.accord.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The embedded cluster's client authentication rules ({@code pg_hba.conf}): a password
 * (scram-sha-256) for every role, over the loopback interface only.
 */
final class PgHba {

    static final String FILE_NAME = "pg_hba.conf";

    private static final String RULES = """
            # Written by Accord at every start of its embedded PostgreSQL; edits are overwritten.
            # Every role, the superuser included, logs in with its password (scram-sha-256);
            # the passwords are in ../credentials.properties. Only loopback addresses are accepted.
            # TYPE  DATABASE  USER  ADDRESS        METHOD
            local   all       all                  scram-sha-256
            host    all       all   127.0.0.1/32   scram-sha-256
            host    all       all   ::1/128        scram-sha-256
            """;

    private PgHba() {
    }

    static void write(Path pgdata) {
        try {
            Files.writeString(pgdata.resolve(FILE_NAME), RULES, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether any rule lets a client in without a password, as zonky's initdb leaves a new cluster. */
    static boolean trustsAnyone(Path pgdata) {
        return rules(pgdata).stream().anyMatch(rule -> rule.contains("trust"));
    }

    /** The rules in force, as lists of fields, comments left out. */
    static List<List<String>> rules(Path pgdata) {
        try {
            return Files.readAllLines(pgdata.resolve(FILE_NAME), StandardCharsets.UTF_8).stream()
                    .map(line -> line.replaceFirst("#.*", "").trim())
                    .filter(line -> !line.isEmpty())
                    .map(line -> Arrays.asList(line.split("\\s+")))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
