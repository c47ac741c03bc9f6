package io.datasurface.local;

import static java.util.Objects.requireNonNull;

import io.datasurface.kpsg.PostgresNames;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An embedded PostgreSQL 15 that Debezium can read: logical WAL, replication slots and senders,
 * and synchronous commits (zonky turns them off, which delays logical decoding until the WAL
 * writer flushes). Its binaries and data live under the caller's working directory and it
 * listens on 127.0.0.1 only, without a Unix socket.
 */
public final class LocalPostgres implements AutoCloseable {
    private static final String USER = "postgres";
    /** Trust authentication ignores it, but Debezium and the JDBC sink want a password to send. */
    private static final String PASSWORD = "postgres";

    private final EmbeddedPostgres server;

    /** A database on this server; {@code jdbcUrl} carries no credentials. */
    public record Database(String name, String host, int port, String user, String password) {
        public Database {
            requireNonNull(name, "name is null");
            requireNonNull(host, "host is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        public String jdbcUrl() {
            return "jdbc:postgresql://" + host + ":" + port + "/" + name;
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl(), user, password);
        }

        /** Runs statements one by one outside a transaction. */
        public void execute(String... sql) throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                for (String statement : sql) {
                    s.execute(statement);
                }
            }
        }

        @Override
        public String toString() {
            return "Database[" + jdbcUrl() + ", user=" + user + "]";
        }
    }

    private LocalPostgres(EmbeddedPostgres server) {
        this.server = server;
    }

    /** Starts a server whose binaries and data directory are under {@code workDir}. */
    public static LocalPostgres start(Path workDir) throws IOException {
        Path binaries = Files.createDirectories(workDir.resolve("binaries"));
        EmbeddedPostgres server = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binaries.toFile())
                .setDataDirectory(workDir.resolve("data"))
                .setCleanDataDirectory(true)
                // The platform stops its parts itself, in order; a second hook racing it would leave files behind.
                .setRegisterShutdownHook(false)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("unix_socket_directories", "")
                .setServerConfig("wal_level", "logical")
                .setServerConfig("max_replication_slots", "20")
                .setServerConfig("max_wal_senders", "20")
                .setServerConfig("synchronous_commit", "on")
                .start();
        return new LocalPostgres(server);
    }

    public int port() {
        return server.getPort();
    }

    /** The server's maintenance database. */
    public Database admin() {
        return database("postgres");
    }

    /** A database of this name, created empty. */
    public Database createDatabase(String name) throws SQLException {
        admin().execute("CREATE DATABASE " + PostgresNames.quote(name));
        return database(name);
    }

    private Database database(String name) {
        // 127.0.0.1, not localhost: the server listens on IPv4 only.
        return new Database(name, "127.0.0.1", server.getPort(), USER, PASSWORD);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }
}
