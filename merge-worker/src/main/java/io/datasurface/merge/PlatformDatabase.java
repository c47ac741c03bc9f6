package io.datasurface.merge;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.merge.postgres.Connector;
import io.datasurface.model.CredentialStore;
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
 * Where the platform's PostgreSQL is and how to log in: host, port and database from the model
 * (or {@value Environment#JDBC_URL}), user and password only from the environment variables the
 * Kubernetes credential store sets. Connects lazily, when a command first needs the database.
 */
@ApplicationScoped
public class PlatformDatabase {
    private static final Logger LOG = Logger.getLogger(PlatformDatabase.class);
    private final AtomicBoolean firstConnection = new AtomicBoolean(true);

    @Inject
    Environment environment;

    /** A connector for the platform; fails at once (before any connection) when a credential variable is missing. */
    public Connector connector(KubernetesPGStarter platform) throws UnusableInputException {
        KubernetesPGStarter.Postgres pg = platform.postgres();
        String url = environment.get(Environment.JDBC_URL).filter(u -> !u.isBlank())
                .orElse("jdbc:postgresql://" + pg.host() + ":" + pg.port() + "/" + pg.database());
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new UnusableInputException(Environment.JDBC_URL + " must be a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
        }
        String prefix = CredentialStore.KubernetesSecrets.environmentPrefix(pg.credential().name());
        String user = required(prefix + "_USER", pg.credential().name());
        String password = required(prefix + "_PASSWORD", pg.credential().name());
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password);
        properties.setProperty("ApplicationName", "datasurface-merge-worker");
        properties.setProperty("connectTimeout", "10");
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

    private String required(String variable, String credential) throws UnusableInputException {
        return environment.get(variable).orElseThrow(() -> new UnusableInputException("environment variable " + variable
                + " is not set: expose the Kubernetes secret of credential '" + credential + "' to the pod (keys USER and PASSWORD)"));
    }
}
