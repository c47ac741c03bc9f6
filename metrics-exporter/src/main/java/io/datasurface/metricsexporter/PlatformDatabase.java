package io.datasurface.metricsexporter;

import io.datasurface.cli.UnusableInputException;
import io.datasurface.kpsg.PlatformLogin;
import io.datasurface.model.KubernetesPGStarter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * How the exporter connects to the platform's PostgreSQL, read-only, with the login every job resolves the same way
 * ({@link PlatformLogin}).
 */
@ApplicationScoped
public class PlatformDatabase {
    @Inject
    Environment environment;

    /** A connector for the platform; fails at once (before any connection) when a credential variable is missing. */
    public Connector connector(KubernetesPGStarter platform) throws UnusableInputException {
        PlatformLogin login = PlatformLogin.resolve(platform, environment::get);
        String url = login.jdbcUrl();
        Properties properties = login.connectionProperties("datasurface-metrics-exporter");
        // Reads only; a statement that hangs must not stall the next scrape for ever.
        properties.setProperty("options", "-c statement_timeout=30000 -c default_transaction_read_only=on");
        // The driver is called directly: DriverManager only offers drivers its caller's class loader sees.
        Driver driver = new Driver();
        return () -> driver.connect(url, properties);
    }
}
