package io.datasurface.merge;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.kpsg.PlatformLogin;
import io.datasurface.model.KubernetesPGStarter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import org.postgresql.Driver;

/**
 * How the merge-worker connects to the platform's PostgreSQL, with the login every job resolves
 * the same way ({@link PlatformLogin}). Connects lazily, when a command first needs the database.
 */
@ApplicationScoped
public class PlatformDatabase {
    private static final Logger LOG = Logger.getLogger(PlatformDatabase.class);
    private final AtomicBoolean firstConnection = new AtomicBoolean(true);

    @Inject
    Environment environment;

    /** A connector for the platform; fails at once (before any connection) when a credential variable is missing. */
    public Connector connector(KubernetesPGStarter platform) throws UnusableInputException {
        PlatformLogin login = PlatformLogin.resolve(platform, environment::get);
        String url = login.jdbcUrl();
        Properties properties = login.connectionProperties("datasurface-merge-worker");
        properties.setProperty("tcpKeepAlive", "true");
        // The driver is called directly: DriverManager only offers drivers its caller's class
        // loader sees, which under Quarkus' class loaders is not always the case.
        Driver driver = new Driver();
        return () -> {
            Connection connection = driver.connect(url, properties);
            if (firstConnection.getAndSet(false)) {
                ProcessHandle.current().info().startInstant().ifPresent(start -> LOG.infof(
                        "connected to PostgreSQL %d ms after process start", Duration.between(start, Instant.now()).toMillis()));
            }
            return connection;
        };
    }
}
