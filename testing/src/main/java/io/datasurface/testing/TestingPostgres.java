package io.datasurface.testing;

import static java.util.Objects.requireNonNull;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One PostgreSQL 15 server per JVM, started on first use and stopped when the JVM exits. When the
 * environment variable {@value #URL_VARIABLE} holds a JDBC URL, that server is used (user and
 * password from {@value #USER_VARIABLE} and {@value #PASSWORD_VARIABLE}, default {@code postgres}
 * and none); otherwise an embedded PostgreSQL 15 is started from Maven artifacts. Tests stay
 * isolated by asking for a {@link #newDatabase() database of their own}. The embedded server takes
 * settings from the environment variable {@value #SETTINGS_VARIABLE} ({@code name=value,name=value},
 * e.g. {@code shared_buffers=1GB} for a benchmark whose tables must fit the server's cache).
 */
public final class TestingPostgres implements AutoCloseable {
    public static final String URL_VARIABLE = "DATASURFACE_TEST_PG_URL";
    public static final String USER_VARIABLE = "DATASURFACE_TEST_PG_USER";
    public static final String PASSWORD_VARIABLE = "DATASURFACE_TEST_PG_PASSWORD";
    public static final String SETTINGS_VARIABLE = "DATASURFACE_TEST_PG_SETTINGS";
    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(/[^?]*)?(\\?.*)?");

    private static TestingPostgres instance;

    private final EmbeddedPostgres embedded;
    private final Database admin;
    private final List<String> created = new ArrayList<>();

    /** A database on the shared server; {@code jdbcUrl} carries no credentials. */
    public record Database(String name, String jdbcUrl, String user, String password) {
        public Database {
            requireNonNull(name, "name is null");
            requireNonNull(jdbcUrl, "jdbcUrl is null");
            requireNonNull(user, "user is null");
            requireNonNull(password, "password is null");
        }

        public Connection connect() throws SQLException {
            return DriverManager.getConnection(jdbcUrl, user, password);
        }

        /** Runs statements outside a transaction, for fixtures. */
        public void execute(String... sql) {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                for (String statement : sql) {
                    s.execute(statement);
                }
            } catch (SQLException e) {
                throw new IllegalStateException("fixture SQL failed: " + e.getMessage(), e);
            }
        }
    }

    private TestingPostgres(EmbeddedPostgres embedded, Database admin) {
        this.embedded = embedded;
        this.admin = admin;
    }

    /** The server of this JVM, started on first call. */
    public static synchronized TestingPostgres get() {
        if (instance == null) {
            instance = start();
            TestingPostgres started = instance;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "testing-postgres-stop"));
        }
        return instance;
    }

    /** The settings of {@value #SETTINGS_VARIABLE}: {@code name=value} pairs separated by commas. */
    static Map<String, String> settings(String variable) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (variable == null || variable.isBlank()) {
            return settings;
        }
        for (String pair : variable.split(",")) {
            int equals = pair.indexOf('=');
            if (equals <= 0 || equals == pair.length() - 1) {
                throw new IllegalArgumentException(SETTINGS_VARIABLE + " must be name=value pairs separated by commas, not '" + pair.trim() + "'");
            }
            settings.put(pair.substring(0, equals).trim(), pair.substring(equals + 1).trim());
        }
        return settings;
    }

    private static TestingPostgres start() {
        String url = System.getenv(URL_VARIABLE);
        if (url != null && !url.isBlank()) {
            String user = orDefault(System.getenv(USER_VARIABLE), "postgres");
            String password = orDefault(System.getenv(PASSWORD_VARIABLE), "");
            return new TestingPostgres(null, new Database(databaseOf(url), url, user, password));
        }
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings(System.getenv(SETTINGS_VARIABLE)).forEach(builder::setServerConfig);
            EmbeddedPostgres pg = builder.start();
            return new TestingPostgres(pg, new Database("postgres", pg.getJdbcUrl("postgres", "postgres"), "postgres", ""));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null ? fallback : value;
    }

    private static String databaseOf(String url) {
        Matcher m = matcher(url);
        return m.group(2) == null || m.group(2).length() <= 1 ? "postgres" : m.group(2).substring(1);
    }

    private static Matcher matcher(String url) {
        Matcher m = JDBC_URL.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException(URL_VARIABLE + " must look like jdbc:postgresql://host:port/database, not " + url.replaceAll("password=[^&]*", "password=***"));
        }
        return m;
    }

    /** The server's own maintenance database, to create and inspect databases with. */
    public Database admin() {
        return admin;
    }

    /** A new, empty database with a random name, dropped when the JVM exits. */
    public synchronized Database newDatabase() {
        String name = "ds_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ENGLISH);
        admin.execute("CREATE DATABASE \"" + name + "\"");
        created.add(name);
        Matcher m = matcher(admin.jdbcUrl());
        String url = m.group(1) + "/" + name + (m.group(3) == null ? "" : m.group(3));
        return new Database(name, url, admin.user(), admin.password());
    }

    /** Drops the databases made here and stops the embedded server; a no-op the second time. */
    @Override
    public synchronized void close() {
        for (String name : created) {
            try {
                admin.execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
            } catch (IllegalStateException e) {
                // The server may already be going down with the JVM; there is nothing left to clean then.
            }
        }
        created.clear();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
