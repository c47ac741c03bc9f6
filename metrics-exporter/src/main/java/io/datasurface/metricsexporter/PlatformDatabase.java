package io.datasurface.metricsexporter;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.model.CredentialStore;
import io.datasurface.model.KubernetesPGStarter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * Where the platform's PostgreSQL is and how to log in, as for the merge-worker: host, port and
 * database from the model (or {@value Environment#JDBC_URL}), user and password only from the
 * environment variables the Kubernetes credential store sets.
 */
@ApplicationScoped
public class PlatformDatabase {
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
        Properties properties = new Properties();
        properties.setProperty("user", required(prefix + "_USER", pg.credential().name()));
        properties.setProperty("password", required(prefix + "_PASSWORD", pg.credential().name()));
        properties.setProperty("ApplicationName", "datasurface-metrics-exporter");
        properties.setProperty("connectTimeout", "10");
        // Reads only; a statement that hangs must not stall the next scrape for ever.
        properties.setProperty("options", "-c statement_timeout=30000 -c default_transaction_read_only=on");
        // The driver is called directly: DriverManager only offers drivers its caller's class loader sees.
        Driver driver = new Driver();
        return () -> driver.connect(url, properties);
    }

    private String required(String variable, String credential) throws UnusableInputException {
        return environment.get(variable).orElseThrow(() -> new UnusableInputException("environment variable " + variable
                + " is not set: expose the Kubernetes secret of credential '" + credential + "' to the pod (keys USER and PASSWORD)"));
    }
}
